import type { StepError } from '@cashflow/workflow-machine';

const DECIMAL = /^-?\d+(\.\d+)?$/;

export class SchemaViolation extends Error implements StepError {
  readonly kind = 'permanent' as const;
  readonly code = 'SCHEMA_VIOLATION';
  constructor(service: string, problem: string) {
    super(`${service} answered with a body that breaks its contract: ${problem}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the parts of a downstream answer the next steps rely on; money must arrive as decimal strings. */
export function assertExtraction(service: string, body: unknown): void {
  if (!isObject(body)) throw new SchemaViolation(service, 'not a JSON object');
  if (!Array.isArray(body.transactions)) throw new SchemaViolation(service, 'transactions is not an array');
  body.transactions.forEach((t, i) => {
    if (!isObject(t)) throw new SchemaViolation(service, `transactions[${i}] is not an object`);
    for (const field of ['id', 'date', 'amount', 'currency', 'label']) {
      if (typeof t[field] !== 'string') throw new SchemaViolation(service, `transactions[${i}].${field} is not a string`);
    }
    if (!DECIMAL.test(t.amount as string)) throw new SchemaViolation(service, `transactions[${i}].amount "${t.amount as string}" is not a decimal string`);
  });
}

export function assertAnalysis(service: string, body: unknown): void {
  if (!isObject(body)) throw new SchemaViolation(service, 'not a JSON object');
  if (!Array.isArray(body.transactions)) throw new SchemaViolation(service, 'transactions is not an array');
  body.transactions.forEach((t, i) => {
    if (!isObject(t) || typeof t.id !== 'string' || typeof t.category !== 'string') {
      throw new SchemaViolation(service, `transactions[${i}] lacks a string id or category`);
    }
  });
  if (!isObject(body.summary)) throw new SchemaViolation(service, 'summary is not an object');
  for (const field of ['income', 'expenses', 'net']) {
    const value = body.summary[field];
    if (typeof value !== 'string' || !DECIMAL.test(value)) throw new SchemaViolation(service, `summary.${field} is not a decimal string`);
  }
}
