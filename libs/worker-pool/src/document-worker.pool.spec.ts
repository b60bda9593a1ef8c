import { CategorizerError } from '@cashflow/categorizer';
import { StatementParseError } from '@cashflow/statement-parser';

import { camtStatement, csvStatement } from '../../../bench/lib/statement-generators.js';
import { DocumentWorkerPool } from './document-worker.pool.js';

// Runs the built worker (dist/document.worker.js): `npm run build` first, as `npm test` does.
describe(DocumentWorkerPool.name, () => {
  const pools: DocumentWorkerPool[] = [];
  const pool = (budgets: ConstructorParameters<typeof DocumentWorkerPool>[0] = {}) => {
    const p = new DocumentWorkerPool(budgets);
    pools.push(p);
    return p;
  };
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  it('parses a statement in a worker into the Document Processor contract', async () => {
    const result = await pool().parseDocument(csvStatement(50), { defaultCurrency: 'EUR' });
    expect(result.format).toBe('csv');
    expect(result.transactions).toHaveLength(50);
    expect(result.warnings).toEqual([]);
  });

  it('keeps the event loop turning while a large statement is parsed', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const result = await pool().parseDocument(camtStatement(5000));
    clearInterval(ticker);
    expect(result.transactions).toHaveLength(5000);
    // Parsed on the loop, no timer could fire until the parse returned.
    expect(turns).toBeGreaterThan(10);
  });

  it("rebuilds the parser's own error, with its code and location", async () => {
    const error = await pool().parseDocument(Buffer.from('date;label;amount\n2024-01-02;Coffee;-3,5x\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementParseError);
    expect(error).toMatchObject({ code: 'MALFORMED_DOCUMENT', kind: 'permanent', location: { line: 2 } });
  });

  it('refuses a statement over MAX_STATEMENT_ROWS, naming the limit', async () => {
    const error = await pool({ maxRows: 100 }).parseDocument(csvStatement(101), { defaultCurrency: 'EUR' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementParseError);
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', kind: 'permanent' });
    expect((error as Error).message).toContain('MAX_STATEMENT_ROWS=100');
  });

  it('ends a worker past PARSE_TIMEOUT_MS with a permanent error naming the limit, and keeps serving', async () => {
    const p = pool({ timeoutMs: 100, threads: 1 });
    const error = await p.parseDocument(camtStatement(20000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementParseError);
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', kind: 'permanent' });
    expect((error as Error).message).toContain('PARSE_TIMEOUT_MS=100');
    expect(p.budgets.threads).toBe(1);
    // The terminated worker is replaced: the next document parses.
    await expect(p.parseDocument(csvStatement(3), { defaultCurrency: 'EUR' })).resolves.toMatchObject({ format: 'csv' });
  });

  it('ends a worker past PARSE_MAX_HEAP_MB with a permanent error naming the limit', async () => {
    const error = await pool({ maxHeapMb: 64, timeoutMs: 60_000 }).parseDocument(camtStatement(30000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementParseError);
    expect((error as Error).message).toContain('PARSE_MAX_HEAP_MB=64');
  });

  it('categorises in a worker and rebuilds a CategorizerError', async () => {
    const p = pool();
    const tx = { id: 't1', date: '2024-01-02', amount: '-3.50', currency: 'EUR', label: 'CB BOULANGERIE DU COIN' };
    const result = await p.analyzeTransactions({ user_id: 'u1', transactions: [tx] });
    expect(result.transactions.map((t) => t.id)).toEqual(['t1']);
    const error = await p.analyzeTransactions({ user_id: 'u1', transactions: [{ ...tx, amount: '3,50' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CategorizerError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'transactions[0].amount' });
  });

  it('stops the worker when the caller aborts', async () => {
    const controller = new AbortController();
    const running = pool({ threads: 1 }).parseDocument(camtStatement(20000), {}, controller.signal);
    controller.abort(new Error('step cancelled'));
    await expect(running).rejects.toThrow();
  });
});
