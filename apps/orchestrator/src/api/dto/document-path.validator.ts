import { documentPathProblem } from '@cashflow/statement-parser';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A path relative to the documents directory that any file system can hold; the reason names the rule broken. */
export function IsDocumentPath(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDocumentPath',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && documentPathProblem(value, { allowAbsolute: false }) === null,
        defaultMessage: (args) => (typeof args?.value === 'string' ? documentPathProblem(args.value, { allowAbsolute: false }) : null) ?? 'document_path must be a string',
      },
    },
    options,
  );
}
