import { analysisResultSchema } from '@cashflow/categorizer';
import { documentResultSchema } from '@cashflow/statement-parser';
import type { StepError } from '@cashflow/workflow-machine';
import type { z } from 'zod';

export class SchemaViolation extends Error implements StepError {
  readonly kind = 'permanent' as const;
  readonly code = 'SCHEMA_VIOLATION';
  constructor(service: string, problem: string) {
    super(`${service} answered with a body that breaks its contract: ${problem}`);
  }
}

/** `transactions[0].amount`, as the problem+json errors of the services name fields. */
function fieldOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '');
}

// The schemas are the ones the reference services are tested against and the test stand-ins answer with.
function check(schema: z.ZodType, service: string, body: unknown): void {
  const result = schema.safeParse(body);
  if (result.success) return;
  const problems = result.error.issues.slice(0, 3).map((issue) => `${fieldOf(issue.path) || 'body'}: ${issue.message}`);
  throw new SchemaViolation(service, problems.join('; '));
}

/** The Document Processor's answer (libs/statement-parser documentResultSchema); money as decimal strings. */
export function assertExtraction(service: string, body: unknown): void {
  check(documentResultSchema, service, body);
}

/** The Transaction Analyzer's answer (libs/categorizer analysisResultSchema): expenses <= 0, net = income + expenses. */
export function assertAnalysis(service: string, body: unknown): void {
  check(analysisResultSchema, service, body);
}
