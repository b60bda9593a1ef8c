import type { AnalysisOutput, ExtractionOutput } from '@cashflow/workflow-machine';
import type { SqlFunctionCaller } from './sql-database.js';

export interface StoredTransaction {
  id: string;
  date: string;
  amount: string;
  currency: string;
  label: string;
  category: string | null;
  confidence: number | null;
}

/** The `transactions` table: categorised rows, upserted so a replayed storing step never duplicates. */
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

  /** One page in (date, id) order, after `after` (the last row of the previous page). */
  list(workflowId: string, userId: string, page: { limit: number; after?: { date: string; id: string } }): Promise<StoredTransaction[]> {
    return this.db.call('cf_list_transactions', {
      workflow_id: workflowId,
      user_id: userId,
      limit: page.limit,
      after_date: page.after?.date ?? null,
      after_id: page.after?.id ?? null,
    });
  }
}
