import { ProblemException } from '@cashflow/nest-http';
import { DocumentPathError, DocumentReadError, StatementParseError } from '@cashflow/statement-parser';

/** Parser failures are permanent (the same bytes fail the same way): 422 with the parser's code and location. */
export function unprocessableStatement(error: StatementParseError): ProblemException {
  return new ProblemException({
    type: '/problems/unprocessable-statement',
    title: 'Unprocessable statement',
    status: 422,
    detail: error.message,
    code: error.code,
    location: error.location,
  });
}

export function invalidDocumentPath(error: DocumentPathError): ProblemException {
  return new ProblemException({
    type: '/problems/invalid-request',
    title: 'Invalid request',
    status: 400,
    detail: error.message,
    code: error.code,
    errors: [{ field: 'document_path', messages: [error.message] }],
  });
}

export function documentNotFound(documentPath: string): ProblemException {
  return new ProblemException({
    type: '/problems/document-not-found',
    title: 'Document not found',
    status: 404,
    detail: `no document at ${documentPath} in the documents directory`,
    code: 'DOCUMENT_NOT_FOUND',
  });
}

/** A file that is there but cannot be read: 404 when missing, 422 when it never will be readable, else 503 (retry). */
function unreadableDocument(error: DocumentReadError): ProblemException {
  if (error.code === 'DOCUMENT_NOT_FOUND') {
    return new ProblemException({ type: '/problems/document-not-found', title: 'Document not found', status: 404, detail: error.message, code: error.code });
  }
  const status = error.kind === 'permanent' ? 422 : 503;
  return new ProblemException({ type: '/problems/unreadable-document', title: 'Unreadable document', status, detail: error.message, code: error.code });
}

/** Maps the statement-parser's own errors to problem+json; anything else stays a 500. */
export function toStatementProblem(error: unknown): unknown {
  if (error instanceof StatementParseError) return unprocessableStatement(error);
  if (error instanceof DocumentPathError) return invalidDocumentPath(error);
  if (error instanceof DocumentReadError) return unreadableDocument(error);
  return error;
}
