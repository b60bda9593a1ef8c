import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem.exception.js';
import { findUnsafeInput } from './unsafe-input.js';

/**
 * Runs before the ValidationPipe on every body, query and route parameter: NUL, lone surrogates and prototype
 * keys are a 400 naming the field, instead of a 500 from the database or a key dropped without a word.
 */
@Injectable()
export class UnsafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = findUnsafeInput(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (problems.length === 0) return value;
    const errors = problems.map((p) => ({ field: p.field, messages: [p.message] }));
    throw ProblemException.badRequest(problems.map((p) => p.message).join('; '), errors);
  }
}
