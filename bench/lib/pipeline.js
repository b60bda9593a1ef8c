// The three steps without an orchestrator, as the bare loop and the pg-boss handlers run them: the same axios
// calls the orchestrator's HTTP clients make, and the same cf_store_transactions upsert.
import axios from 'axios';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from './child.js';

export function httpSteps(processorUrl, analyzerUrl, timeoutMs = 30_000) {
  const processor = axios.create({ baseURL: processorUrl, timeout: timeoutMs, maxBodyLength: Infinity, maxContentLength: Infinity });
  const analyzer = axios.create({ baseURL: analyzerUrl, timeout: timeoutMs, maxBodyLength: Infinity, maxContentLength: Infinity });
  return {
    async extract(userId, documentPath, idempotencyKey) {
      const r = await processor.post('/documents/process', { document_path: documentPath, user_id: userId }, { headers: { 'Idempotency-Key': idempotencyKey } });
      return r.data;
    },
    async analyze(userId, transactions, idempotencyKey) {
      const r = await analyzer.post('/transactions/analyze', { user_id: userId, transactions }, { headers: { 'Idempotency-Key': idempotencyKey } });
      return r.data;
    },
  };
}

/**
 * The `transactions` table as migrations/003 defines it, minus the foreign key to `workflows` (the peers keep no
 * workflow rows for it to point at), and cf_store_transactions as its function file has it now.
 */
export function transactionsDdl() {
  const sql = readFileSync(resolve(REPO_ROOT, 'migrations/003_transactions.sql'), 'utf8');
  const withoutFk = sql.replace(/ references workflows \(id\) on delete cascade/, '');
  if (withoutFk === sql) throw new Error('migrations/003 changed: the bench cannot drop the workflows foreign key any more');
  // On PGlite the data dir is a copy of one ours migrated (bench/lib/phases.js): its table goes first.
  return `drop table if exists transactions cascade;\n${withoutFk}\n${readFileSync(resolve(REPO_ROOT, 'migrations/functions/cf_store_transactions.sql'), 'utf8')}`;
}

/** Same mapping as apps/orchestrator/src/persistence/transactions.store.ts. */
export function storeRows(extraction, analysis) {
  const categories = new Map(analysis.transactions.map((t) => [t.id, t]));
  return extraction.transactions.map((t) => ({
    id: t.id,
    date: t.date.slice(0, 10),
    amount: t.amount,
    currency: t.currency,
    label: t.label,
    category: categories.get(t.id)?.category ?? null,
    confidence: categories.get(t.id)?.confidence ?? null,
    raw: t.raw ?? null,
  }));
}

export function transactionStore(connectionString, poolSize = 10) {
  if (connectionString.startsWith('pglite:')) return pgliteTransactionStore(connectionString.slice('pglite:'.length));
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'cf-bench-store' });
  pool.on('error', () => undefined);
  return {
    pool,
    setup: () => pool.query(transactionsDdl()),
    async store(workflowId, userId, extraction, analysis) {
      const payload = { workflow_id: workflowId, user_id: userId, transactions: storeRows(extraction, analysis) };
      const { rows } = await pool.query('select cf_store_transactions($1::jsonb) as r', [JSON.stringify(payload)]);
      return rows[0].r.stored;
    },
    close: () => pool.end(),
  };
}

/** --store embedded: the same table and function in PGlite, in the worker's own process (as the orchestrator's). */
function pgliteTransactionStore(dataDir) {
  let db = null;
  return {
    async setup() {
      const { PGlite } = await import('@electric-sql/pglite');
      db = await PGlite.create(dataDir);
      await db.exec(transactionsDdl());
    },
    async store(workflowId, userId, extraction, analysis) {
      const payload = { workflow_id: workflowId, user_id: userId, transactions: storeRows(extraction, analysis) };
      const { rows } = await db.query('select cf_store_transactions($1::jsonb) as r', [JSON.stringify(payload)]);
      return rows[0].r.stored;
    },
    close: () => db?.close(),
  };
}
