import { DocumentReadError, detectFormat, parseDocument, readDocumentFile, toDocumentResult, type PdfLayoutProfile } from '@cashflow/statement-parser';
import type { DocumentWorkerPool } from '@cashflow/worker-pool';
import type { ExtractionOutput, StepError } from '@cashflow/workflow-machine';
import type { CallOptions, DocumentProcessorClient } from './step-clients.js';

/**
 * The Document Processor's library, called in-process when DOCUMENT_PROCESSOR_URL is unset: the file is read
 * here and parsed in a worker thread within the budgets, so the orchestrator's event loop keeps answering. A PDF
 * is read by pdf.js (its pages) and OCR'd in tesseract.js's own worker pool, reporting progress page by page: the
 * step's deadline, extended by each report, bounds it instead of the parse budget.
 */
export class EmbeddedDocumentProcessorClient implements DocumentProcessorClient {
  readonly mode = 'embedded' as const;
  constructor(
    private readonly documentsDir: string,
    private readonly workers: DocumentWorkerPool,
    private readonly pdfLayouts: PdfLayoutProfile[] = [],
  ) {}

  async process(request: { document_path: string; user_id: string }, options: CallOptions): Promise<ExtractionOutput> {
    let bytes: Buffer;
    try {
      bytes = await readDocumentFile(this.documentsDir, request.document_path, { maxBytes: this.workers.budgets.maxBytes, signal: options.signal });
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a StepError is plain data by design: toTaskError reads it and it lands in the JSON snapshot
      if (error instanceof DocumentReadError) throw { kind: error.kind, code: error.code, message: error.message } satisfies StepError;
      throw error;
    }
    if (detectFormat(bytes, request.document_path) === 'pdf') {
      const document = await parseDocument(bytes, {
        fileName: request.document_path,
        maxRows: this.workers.budgets.maxRows,
        pdf: { layouts: this.pdfLayouts },
        ...(options.onProgress && { onProgress: options.onProgress }),
      });
      return toDocumentResult(document) as unknown as ExtractionOutput;
    }
    // StatementParseError (every parse failure and budget overrun) is a permanent StepError as it is.
    const document = await this.workers.parseDocument(bytes, { fileName: request.document_path }, options.signal);
    return document as unknown as ExtractionOutput;
  }
}
