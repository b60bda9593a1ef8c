import type { AnalysisOutput, ExtractionOutput } from '@cashflow/workflow-machine';
import type { SqlFunctionCaller } from './sql-database.js';

const STORE_CHUNK_ROWS = 1_000;

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
    // In chunks, yielding to I/O between them: one statement of 100,000 rows would hold an embedded database (and
    // the event loop it shares; its calls resolve as microtasks) for seconds. The upsert makes a chunked write
    // replayable after a crash midway.
    let stored = 0;
    for (let i = 0; i < rows.length; i += STORE_CHUNK_ROWS) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = rows.slice(i, i + STORE_CHUNK_ROWS);
      stored += (await this.db.call<{ stored: number }>('cf_store_transactions', { workflow_id: workflowId, user_id: userId, transactions: chunk })).stored;
    }
    return stored;
  }
}
