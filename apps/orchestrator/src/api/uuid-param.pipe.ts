import { ProblemException } from '@cashflow/nest-http';
import { ParseUUIDPipe } from '@nestjs/common';

/** A malformed workflow id is a 400 naming `id`, not a 404. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.badRequest('id must be a UUID', [{ field: 'id', messages: ['id must be a UUID'] }]),
});
