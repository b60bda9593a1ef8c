import { ProblemException } from '@cashflow/nest-http';
import { CategorizerError } from '@cashflow/categorizer';

/** Bad input or rules -> 400 naming the field; mixed currencies when refused -> 422. Anything else stays a 500. */
export function toCategorizerProblem(error: unknown, fieldPrefix = ''): unknown {
  if (!(error instanceof CategorizerError)) return error;
  const field = fieldPrefix ? (error.field === '$' ? fieldPrefix : `${fieldPrefix}.${error.field}`) : error.field;
  const message = `${field}: ${error.detail}`;
  if (error.code === 'MIXED_CURRENCIES' || error.code === 'LIMIT_EXCEEDED') {
    return new ProblemException({ type: '/problems/unprocessable-transactions', title: 'Unprocessable transactions', status: 422, detail: message, code: error.code });
  }
  return new ProblemException({
    type: '/problems/invalid-request',
    title: 'Invalid request',
    status: 400,
    detail: message,
    code: error.code,
    errors: [{ field, messages: [message] }],
  });
}
