import type { AnalysisOutput, ExtractionOutput } from '@cashflow/workflow-machine';
import type { SqlFunctionCaller } from './sql-database.js';

/** Writes the `transactions` table (the storing step): upserted, so a replayed step never duplicates. Reads go through UserDataStore. */
export class TransactionsStore {
  constructor(private readonly db: SqlFunctionCaller) {}

  async upsert(workflowId: string, userId: string, extraction: ExtractionOutput, analysis: AnalysisOutput): Promise<number> {
    const categories = new Map(analysis.transactions.map((t) => [t.id, t]));
    const rows = extraction.transactions.map((t) => ({
      id: t.id,
      date: t.date.slice(0, 10),
      amount: t.amount,
      currency: t.currency,
      label: t.label,
      category: categories.get(t.id)?.category ?? null,
      confidence: categories.get(t.id)?.confidence ?? null,
      raw: t.raw ?? null,
    }));
    const result = await this.db.call<{ stored: number }>('cf_store_transactions', { workflow_id: workflowId, user_id: userId, transactions: rows });
    return result.stored;
  }
}
