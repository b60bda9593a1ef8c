import { parseDocument, resolveDocumentPath, toDocumentResult, type PdfLayoutProfile } from '@cashflow/statement-parser';
import type { ExtractionOutput, StepError } from '@cashflow/workflow-machine';
import { readFile, realpath } from 'node:fs/promises';
import type { CallOptions, DocumentProcessorClient } from './step-clients.js';

/** The Document Processor's library, called in-process when DOCUMENT_PROCESSOR_URL is unset. */
export class EmbeddedDocumentProcessorClient implements DocumentProcessorClient {
  readonly mode = 'embedded' as const;
  constructor(
    private readonly documentsDir: string,
    private readonly pdfLayouts: PdfLayoutProfile[] = [],
  ) {}

  async process(request: { document_path: string; user_id: string }, options: CallOptions): Promise<ExtractionOutput> {
    const path = resolveDocumentPath(this.documentsDir, request.document_path);
    let bytes: Buffer;
    try {
      // A symlink inside the directory must not lead outside it.
      resolveDocumentPath(await realpath(this.documentsDir), await realpath(path));
      bytes = await readFile(path, { signal: options.signal });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') {
        throw { kind: 'permanent', code: 'DOCUMENT_NOT_FOUND', message: `no document at ${request.document_path}` } satisfies StepError;
      }
      throw error;
    }
    const document = await parseDocument(bytes, { fileName: request.document_path, pdf: { layouts: this.pdfLayouts }, ...(options.onProgress && { onProgress: options.onProgress }) });
    return toDocumentResult(document) as unknown as ExtractionOutput;
  }
}
