import { z } from 'zod';

/**
 * The Document Processor's answer (POST /documents/process), as ARCHITECTURE.md "Downstream contracts" fixes it:
 * the one schema the orchestrator's client checks answers with, the reference service's tests check its real
 * answers with, and every stand-in checks its own answers with. Fields beyond the contract are allowed (the real
 * service adds `format` and `warnings`), and typed when present.
 */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string (no float, no thousands separator)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');

export const documentTransactionSchema = z.looseObject({
  id: z.string().min(1),
  date: isoDate,
  amount: decimal,
  currency,
  label: z.string(),
  raw: z.union([z.record(z.string(), z.unknown()), z.string()]),
});

export const documentResultSchema = z.looseObject({
  account: z.looseObject({ id: z.string() }),
  period: z.object({ start: isoDate.nullable(), end: isoDate.nullable() }),
  currency: currency.nullable(),
  transactions: z.array(documentTransactionSchema),
  format: z.enum(['ofx', 'camt', 'csv', 'qif', 'mt940', 'pdf']).optional(),
  warnings: z.array(z.looseObject({ code: z.string(), message: z.string() })).optional(),
});

export type DocumentResultContract = z.infer<typeof documentResultSchema>;
