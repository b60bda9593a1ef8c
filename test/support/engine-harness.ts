import { WorkflowEngine, type EngineOptions, type TaskImplementation } from '@cashflow/workflow-engine';
import { toStepError, workflowMachine, WORKFLOW_MACHINE_VERSION } from '@cashflow/workflow-machine';
import { describeTransition, projectWorkflow } from '../../apps/orchestrator/src/engine/workflow-history.js';

/** What the downstream services answer for a statement with no transactions: the smallest valid step outputs. */
export const EMPTY_EXTRACTION = { account: {}, period: { start: null, end: null }, currency: 'EUR', transactions: [] };
export const EMPTY_ANALYSIS = { transactions: [], summary: { income: '0.00', expenses: '0.00', net: '0.00', by_category: {}, by_month: {} } };

/** The three steps, each answering at once: a workflow that runs to completion. */
export const SUCCEEDING_STEPS: Record<string, TaskImplementation> = {
  extractDocument: async () => EMPTY_EXTRACTION,
  analyzeTransactions: async () => EMPTY_ANALYSIS,
  storeResults: async () => ({ transactionsStored: 0 }),
};

/**
 * Engines as the orchestrator wires them (the current machine, its step errors, the host's projection and
 * history), over a test's own store and tasks, polling every 50 ms. `stopAll` in an afterEach stops what a test
 * started, whatever its outcome.
 */
export class TestEngines {
  private readonly started: WorkflowEngine[] = [];

  create(options: Pick<EngineOptions, 'store' | 'tasks' | 'owner'> & Partial<EngineOptions>, { scheduler = true } = {}): WorkflowEngine {
    const engine = new WorkflowEngine({
      versions: { current: WORKFLOW_MACHINE_VERSION, machines: { [WORKFLOW_MACHINE_VERSION]: workflowMachine } },
      toTaskError: toStepError,
      project: projectWorkflow,
      describe: describeTransition,
      startEvent: { type: 'START' },
      pollIntervalMs: 50,
      ...options,
    });
    if (scheduler) engine.startScheduler();
    this.started.push(engine);
    return engine;
  }

  /** Stops every engine created since the last call; `settled` tolerates a replica cut off from its database. */
  async stopAll({ settled = false } = {}): Promise<void> {
    const stops = this.started.splice(0).map((engine) => engine.stop());
    if (settled) await Promise.allSettled(stops);
    else await Promise.all(stops);
  }
}
