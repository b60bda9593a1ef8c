import type { TaskImplementation, WorkflowEngine } from '@cashflow/workflow-engine';
import {
  analysisFacts,
  extractionFacts,
  type AnalysisOutput,
  type AnalyzeInput,
  type ExtractionOutput,
  type StoreInput,
} from '@cashflow/workflow-machine';
import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { sqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { waitFor } from '../support/wait-for.js';
import { openMigratedPglite } from '../support/migrated-pglite.js';
import { TestEngines } from '../support/engine-harness.js';

function extraction(n: number): ExtractionOutput {
  return {
    format: 'csv',
    account: { id: 'FR7630004000031234567890143' },
    period: { start: '2024-03-01', end: '2024-03-31' },
    currency: 'EUR',
    closing_balance: { amount: '1000.00', date: '2024-03-31' },
    warnings: [],
    transactions: Array.from({ length: n }, (_, i) => ({
      id: `tx-${i}`,
      date: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`,
      amount: i % 2 ? '-12.34' : '56.78',
      currency: 'EUR',
      label: `CB MERCHANT NUMBER ${i} PARIS`,
    })),
  };
}

function analysisOf(input: ExtractionOutput): AnalysisOutput {
  return {
    transactions: input.transactions.map((t) => ({ id: t.id, category: 'groceries', confidence: 0.9 })),
    summary: { income: '0.00', expenses: '0.00', net: '0.00', by_category: { groceries: '0.00' }, by_month: { '2024-03': { income: '0.00', expenses: '0.00', net: '0.00' } } },
  };
}

/** Counts reads of step outputs, the one read the claim check allows after a crash or on another replica. */
class CountingStore extends WorkflowStore {
  outputReads = 0;
  override getStepOutput(workflowId: string, key: string): Promise<string | null> {
    this.outputReads++;
    return super.getStepOutput(workflowId, key);
  }
}

describe('step outputs out of the snapshot (claim check)', () => {
  let db: SqlDatabase;
  const engines = new TestEngines();

  beforeAll(async () => {
    db = await openMigratedPglite();
  });

  afterEach(async () => {
    // A replica cut off from the database cannot release its leases: its stop() rejects, and that is fine here.
    await engines.stopAll({ settled: true });
  });

  afterAll(async () => {
    await db.close();
  });

  function engine(store: WorkflowStore, tasks: Record<string, TaskImplementation>, owner: string, leaseMs = 10_000): WorkflowEngine {
    return engines.create({
      store,
      tasks,
      owner,
      leaseMs,
      stepOutputs: {
        extractDocument: (output, ref) => extractionFacts(output as ExtractionOutput, ref),
        analyzeTransactions: (output, ref) => analysisFacts(output as AnalysisOutput, ref),
      },
    });
  }

  /** Real step logic over the claim check: each step reads what it needs through readOutput. */
  function pipeline(size: number, seen: { analyzed: number[]; stored: number[] }): Record<string, TaskImplementation> {
    return {
      extractDocument: async () => extraction(size),
      analyzeTransactions: async (input: AnalyzeInput, ctx) => {
        const full = (await ctx.readOutput(input.extraction)) as ExtractionOutput;
        seen.analyzed.push(full.transactions.length);
        return analysisOf(full);
      },
      storeResults: async (input: StoreInput, ctx) => {
        const [ex, an] = (await Promise.all([ctx.readOutput(input.extraction), ctx.readOutput(input.analysis)])) as [ExtractionOutput, AnalysisOutput];
        seen.stored.push(Math.min(ex.transactions.length, an.transactions.length));
        return { transactionsStored: ex.transactions.length };
      },
    };
  }

  async function run(store: WorkflowStore, size: number) {
    const seen = { analyzed: [] as number[], stored: [] as number[] };
    const e = engine(store, pipeline(size, seen), `replica-${size}`);
    const id = randomUUID();
    await e.start({ id, attributes: { user_id: 'u', document_path: 'd.csv' }, input: { workflowId: id, userId: 'u', documentPath: 'd.csv' } });
    await waitFor(async () => (await store.getWorkflow(id))?.workflow.state === 'completed', `workflow at ${size} transactions`, 60_000);
    const [sizes] = await db.query<{ snapshot: number; results: number; inputs: number }>(
      `select octet_length(w.snapshot::text) as snapshot, octet_length(w.results::text) as results,
              (select max(octet_length(t.input::text)) from workflow_tasks t where t.workflow_id = w.id) as inputs
         from workflows w where w.id = $1`,
      [id],
    );
    return { id, seen, sizes: sizes!, workflow: (await store.getWorkflow(id))!.workflow };
  }

  it('keeps the snapshot, results and task inputs the same size at 5 and at 5,000 transactions, and each step sees them all', async () => {
    const store = new CountingStore(sqlFunctionCaller(db));
    const small = await run(store, 5);
    const large = await run(store, 5_000);
    expect(large.seen).toEqual({ analyzed: [5_000], stored: [5_000] });
    expect(small.seen).toEqual({ analyzed: [5], stored: [5] });
    for (const what of ['snapshot', 'results', 'inputs'] as const) {
      // Named, so a failure says which of the three grew and by how much.
      const growth = Math.abs(large.sizes[what] - small.sizes[what]) / small.sizes[what];
      expect({ what, growth, withinTenPercent: growth <= 0.1 }).toEqual({ what, growth, withinTenPercent: true });
    }
    // Ran on the replica that holds the outputs: nothing was read back.
    expect(store.outputReads).toBe(0);
    expect(large.workflow.results).toMatchObject({
      extraction: { account: { id: 'FR7630004000031234567890143' }, period: { start: '2024-03-01', end: '2024-03-31' }, transaction_count: 5_000 },
      analysis: { transaction_count: 5_000, summary: { income: '0.00' } },
      storage: { transactionsStored: 5_000 },
    });
    const [outputs] = await db.query<{ n: number }>(`select count(*)::int as n from step_outputs where workflow_id = $1`, [large.id]);
    expect(outputs!.n).toBe(2);
  });

  it('resumes a crash between extraction and analysis on another replica with the stored output, read once', async () => {
    const store = new CountingStore(sqlFunctionCaller(db));
    const seen = { analyzed: [] as number[], stored: [] as number[] };
    let analysisCalled = false;
    // Replica A extracts, then loses the database for good while its analysis runs (as if it had crashed):
    // no renewal, no result and no release of its lease reaches the database again.
    let aIsDead = false;
    const live = sqlFunctionCaller(db);
    const aStore = new WorkflowStore({
      ...live,
      call: (fn, payload) => (aIsDead ? Promise.reject(new Error('replica A is gone')) : live.call(fn, payload)),
    });
    const a = engine(aStore, {
      ...pipeline(300, seen),
      analyzeTransactions: (_input, ctx) => {
        analysisCalled = true;
        return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    }, 'replica-a', 500);
    const id = randomUUID();
    await a.start({ id, attributes: { user_id: 'u', document_path: 'd.csv' }, input: { workflowId: id, userId: 'u', documentPath: 'd.csv' } });
    await waitFor(() => analysisCalled, 'the analysis to start on replica A');
    aIsDead = true;

    engine(store, pipeline(300, seen), 'replica-b');
    await waitFor(async () => (await store.getWorkflow(id))?.workflow.state === 'completed', 'replica B to finish the workflow', 30_000);
    expect(seen.analyzed).toEqual([300]);
    expect(seen.stored).toEqual([300]);
    // B read the extraction once for the analysis; the storing step found both outputs in B's memory.
    expect(store.outputReads).toBe(1);
  });
});
