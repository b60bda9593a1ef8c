import { ProblemException } from '@cashflow/nest-http';
import { detectFormat, parseDocument, toDocumentResult, type DocumentResult, type PdfProgress } from '@cashflow/statement-parser';
import { DocumentWorkerPool } from '@cashflow/worker-pool';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PROCESSOR_CONFIG, type ProcessorConfig } from '../config/processor-config.js';
import { DocumentJobs, type DocumentJob } from './document-jobs.js';
import { readDocument } from './document-reader.js';
import type { ProcessDocumentDto } from './dto/process-document.dto.js';
import { toStatementProblem } from './statement-problems.js';
import type { UploadedStatement } from './upload-limit.interceptor.js';

@Injectable()
export class DocumentsService implements OnApplicationShutdown {
  private readonly logger = new Logger(DocumentsService.name);
  // Parsing runs in worker threads within the budgets: the event loop keeps answering while a large file is read.
  private readonly workers: DocumentWorkerPool;

  constructor(
    @Inject(PROCESSOR_CONFIG) private readonly config: ProcessorConfig,
    private readonly jobs: DocumentJobs,
  ) {
    this.workers = new DocumentWorkerPool(config.budgets);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.workers.close();
  }

  /** The same parse as process(), run as a job the caller polls (GET /documents/jobs/{id}). */
  startProcess(dto: ProcessDocumentDto, idempotencyKey?: string): DocumentJob {
    return this.jobs.start(idempotencyKey, async (onProgress) => {
      try {
        const bytes = await readDocument(this.config.documentsDir, dto.document_path, this.config.budgets.maxBytes);
        return await this.parse(bytes, dto.document_path, { user: dto.user_id, idempotencyKey }, onProgress);
      } catch (error) {
        throw toStatementProblem(error);
      }
    });
  }

  job(id: string): DocumentJob {
    return this.jobs.get(id);
  }

  async process(dto: ProcessDocumentDto, idempotencyKey?: string): Promise<DocumentResult> {
    try {
      const bytes = await readDocument(this.config.documentsDir, dto.document_path, this.config.budgets.maxBytes);
      return await this.parse(bytes, dto.document_path, { user: dto.user_id, idempotencyKey });
    } catch (error) {
      throw toStatementProblem(error);
    }
  }

  async parseUpload(file: UploadedStatement | undefined, idempotencyKey?: string): Promise<DocumentResult> {
    if (!file) throw ProblemException.badRequest('a statement file is required', [{ field: 'file', messages: ['file is required'] }]);
    try {
      return await this.parse(file.buffer, file.originalname, { idempotencyKey });
    } catch (error) {
      throw toStatementProblem(error);
    }
  }

  // Parsing is pure, so an Idempotency-Key needs no storage: it only ties log lines to the caller's attempt.
  private async parse(bytes: Uint8Array, fileName: string, trace: { user?: string; idempotencyKey?: string }, onProgress?: (p: PdfProgress) => void): Promise<DocumentResult> {
    const context = `${fileName}${trace.user ? ` user=${trace.user}` : ''}${trace.idempotencyKey ? ` idempotency-key=${trace.idempotencyKey}` : ''}`;
    try {
      // A PDF is read by pdf.js and OCR'd in tesseract.js's own workers, page by page with progress (a job's
      // client sees it); every other format is parsed in a worker thread within the budgets.
      const result =
        detectFormat(bytes, fileName) === 'pdf'
          ? toDocumentResult(await parseDocument(bytes, { fileName, maxRows: this.config.budgets.maxRows, pdf: { layouts: this.config.pdfLayouts }, ...(onProgress && { onProgress }) }))
          : await this.workers.parseDocument(bytes, { fileName });
      this.logger.log(`parsed ${context}: ${result.format}, ${result.transactions.length} transactions, ${result.warnings.length} warnings`);
      return result;
    } catch (error) {
      this.logger.warn(`refused ${context}: ${(error as Error).message}`);
      throw error;
    }
  }
}
