import { WorkflowEngine, type EngineLogger, type MachineVersions, type TaskImplementation } from '@cashflow/workflow-engine';
import { workflowMachine } from '@cashflow/workflow-machine';
import { randomUUID } from 'node:crypto';
import { assign, createMachine, type AnyStateMachine } from 'xstate';
import { sqlFunctionCaller, type SqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { ALL_USERS } from '../../apps/orchestrator/src/persistence/owner.js';
import { UserDataStore } from '../../apps/orchestrator/src/persistence/user-data.store.js';
import { waitFor } from '../support/wait-for.js';
import { openMigratedPglite } from '../support/migrated-pglite.js';
import { EMPTY_ANALYSIS as analysis, EMPTY_EXTRACTION as extraction, TestEngines } from '../support/engine-harness.js';

/**
 * Version 2 of the machine, as a later release could ship it: a `validating` state between received and
 * extracting, and a context field (`validatedAt`) that version 1 snapshots do not have.
 */
function machineV2(): AnyStateMachine {
  const config = workflowMachine.config as any;
  return createMachine(
    {
      ...config,
      states: {
        ...config.states,
        received: { ...config.states.received, on: { ...config.states.received.on, START: 'validating' } },
        validating: {
          entry: assign({ validatedAt: () => new Date().toISOString() }),
          always: 'extracting',
        },
        analyzing: {
          ...config.states.analyzing,
          // v2 reads the field v1 never wrote: a v1 snapshot run on v2 without migration would lack it.
          entry: assign(({ context }: any) => ({ analysisNote: `validated at ${context.validatedAt.slice(0, 10)}` })),
        },
      },
    },
    (workflowMachine as any).implementations,
  ) as AnyStateMachine;
}

describe('changing the workflow machine while workflows are in flight', () => {
  let caller: SqlFunctionCaller;
  let store: WorkflowStore;
  const engines = new TestEngines();
  const failedOnce = new Set<string>();
  const tasks: Record<string, TaskImplementation> = {
    extractDocument: async (_input, ctx) => {
      // The first attempt of every workflow fails, so each one parks in a retry wait first.
      if (!failedOnce.has(ctx.workflowId)) {
        failedOnce.add(ctx.workflowId);
        throw { kind: 'transient', message: 'HTTP 503', retryAfterMs: 300 };
      }
      return extraction;
    },
    analyzeTransactions: async () => analysis,
    storeResults: async () => ({ transactionsStored: 0 }),
  };

  beforeAll(async () => {
    const db = await openMigratedPglite();
    caller = sqlFunctionCaller(db);
    store = new WorkflowStore(caller);
  });

  afterEach(async () => {
    await engines.stopAll();
  });

  afterAll(() => caller.close());

  function engine(versions: MachineVersions, scheduler = true, logger?: EngineLogger): WorkflowEngine {
    return engines.create({ versions, store, tasks, owner: 'replica', leaseMs: 1000, logger }, { scheduler });
  }

  async function startParked(on: WorkflowEngine): Promise<string> {
    const id = randomUUID();
    await on.start({ id, attributes: { user_id: 'u', document_path: 'd' }, input: { workflowId: id, userId: 'u', documentPath: 'd', retryPolicy: { jitter: 0 } } });
    await waitFor(async () => (await store.getWorkflow(id))!.workflow.view.phase === 'waiting', 'the retry wait');
    return id;
  }

  const row = async (id: string) => (await store.getWorkflow(id))!.workflow;
  const completed = (id: string) => waitFor(async () => (await row(id)).state === 'completed', `workflow ${id} to complete`, 15_000);

  it('keeps running a version 1 workflow on version 1 while new workflows start on version 2', async () => {
    const v1 = engine({ current: 1, machines: { 1: workflowMachine } });
    const old = await startParked(v1);
    await v1.stop();

    const v2 = engine({ current: 2, machines: { 1: workflowMachine, 2: machineV2() } });
    await completed(old);
    expect((await row(old)).machine_version).toBe(1);

    const fresh = await startParked(v2);
    await completed(fresh);
    const freshRow = await row(fresh);
    expect(freshRow.machine_version).toBe(2);
    expect((freshRow.snapshot as any).context.analysisNote).toMatch(/^validated at \d{4}-\d{2}-\d{2}$/);
  });

  it('lifts a version 1 snapshot to version 2 with a migration, and resumes it there', async () => {
    const v1 = engine({ current: 1, machines: { 1: workflowMachine } });
    const old = await startParked(v1);
    await v1.stop();

    const migrate = (from: number, persisted: any) => {
      if (from !== 1) throw new Error(`no migration from version ${from}`);
      return { ...persisted, context: { ...persisted.context, validatedAt: persisted.context.createdAt } };
    };
    engine({ current: 2, machines: { 2: machineV2() }, migrate });
    await completed(old);
    const migrated = await row(old);
    expect(migrated.machine_version).toBe(2);
    expect((migrated.snapshot as any).context.analysisNote).toBe(`validated at ${(migrated.snapshot as any).context.createdAt.slice(0, 10)}`);
  });

  it('refuses to run a workflow whose machine version is no longer registered, leaving it untouched', async () => {
    const v1 = engine({ current: 1, machines: { 1: workflowMachine } });
    const old = await startParked(v1);
    await v1.stop();
    const before = await store.getWorkflow(old);
    const historyBefore = await new UserDataStore(caller).history(ALL_USERS, old);
    const errors: Array<{ message: string; context?: Record<string, unknown> }> = [];
    const logger: EngineLogger = { log: () => undefined, warn: () => undefined, error: (message, context) => errors.push({ message, context }) };
    const v2only = engine({ current: 2, machines: { 2: machineV2() } }, true, logger);
    // A control workflow on the same engine parks in a retry wait too and completes: the scheduler claims due timers.
    const control = await startParked(v2only);
    await completed(control);
    // The old workflow's retry timer came due and was claimed; applying it was refused for want of its machine.
    const refusal = await waitFor(
      () => errors.find((e) => e.context?.workflowId === old && String(e.context?.error).includes('no machine registered for version 1')),
      'the refusal to apply a version 1 timer',
    );
    expect(refusal.message).toMatch(/will be claimed again/);
    const after = await store.getWorkflow(old);
    expect(after!.workflow).toMatchObject({ version: before!.workflow.version, state: 'extracting', machine_version: 1 });
    // Its wait is kept, so a release that registers version 1 again resumes it.
    expect(after!.timers.map((t) => t.send_id)).toEqual(before!.timers.map((t) => t.send_id));
    expect(await new UserDataStore(caller).history(ALL_USERS, old)).toEqual(historyBefore);
  });
});
