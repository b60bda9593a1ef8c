import type { ValidationError } from 'class-validator';
import { ProblemException, type ProblemDetails } from './problem.exception.js';

function flatten(errors: ValidationError[], prefix = ''): NonNullable<ProblemDetails['errors']> {
  return errors.flatMap((error) => {
    // Items of an array arrive as properties named by their index: `transactions[3].amount`, as clients write it.
    const field = !prefix ? error.property : /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The global ValidationPipe's exceptionFactory: one 400 problem naming every invalid field. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const fields = flatten(errors);
  const detail = fields.map((f) => f.messages.join('; ')).join('; ');
  return ProblemException.badRequest(detail, fields);
}
