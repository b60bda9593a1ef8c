import { jest } from '@jest/globals';
import { recordingLogger } from '../../../test/support/recording-logger.js';
import type { StepOutputRef, TaskContext, TaskImplementation } from './engine-options.js';
import type { EngineStore, TaskProgress, TaskRow } from './engine-store.js';
import { TaskRunner, type TaskOrigin } from './task-runner.js';

const OWNER = 'replica-a';
// A fixed clock: delays and deadlines are asserted to the millisecond, and the first progress write is "at once"
// only because the clock is far past the epoch (nothing written yet counts as written at time 0).
const START = new Date('2030-01-01T00:00:00.000Z');
const elapsed = () => Date.now() - START.getTime();
// Drains the promise callbacks (deliveries, finally blocks) without moving the fake clock: setImmediate stays real.
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));
const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

function row(id: string, overrides: Partial<TaskRow> = {}): TaskRow {
  return { id, workflow_id: 'wf-1', actor_id: 'extractDocument', src: 'extractDocument', input: { document: `doc-${id}` }, runs: 1, ...overrides };
}

const progressOf = (done: number): TaskProgress => ({ done, total: 10, unit: 'pages' });

// The runner uses only renewLeases and reportProgress, so this recording store implements just those two and
// answers as the real one does: the ids (and only those) whose lease this owner still holds.
function recordingStore(config: { withoutReportProgress?: boolean }) {
  const held = new Set<string>();
  const renewals: Array<{ owner: string; ids: string[]; leaseMs: number; at: number }> = [];
  const progressWrites: Array<{ owner: string; taskId: string; progress: TaskProgress; at: number }> = [];
  const control = {
    renewFailure: null as unknown,
    /** Holds renewLeases open until resolved, to change what runs while a renewal is in flight. */
    renewGate: null as Promise<void> | null,
    progressFailure: null as unknown,
  };
  const store: Pick<EngineStore, 'renewLeases' | 'reportProgress'> = {
    renewLeases: async (owner, ids, leaseMs) => {
      renewals.push({ owner, ids: [...ids], leaseMs, at: elapsed() });
      if (control.renewGate) await control.renewGate;
      if (control.renewFailure) throw control.renewFailure;
      return ids.filter((id) => owner === OWNER && held.has(id));
    },
  };
  if (!config.withoutReportProgress) {
    store.reportProgress = async (owner, taskId, progress) => {
      progressWrites.push({ owner, taskId, progress, at: elapsed() });
      if (control.progressFailure) throw control.progressFailure;
      return owner === OWNER && held.has(taskId);
    };
  }
  return { store: store as EngineStore, held, renewals, progressWrites, control };
}

/** A step the test finishes by hand (resolve/reject), seeing the context the runner gave it. */
interface Step {
  input: unknown;
  context: TaskContext;
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
}

// A well-behaved step stops when its signal aborts, after `cleanupMs` of winding down; the default is at once.
function honourSignal(step: Step, cleanupMs = 0): void {
  step.context.signal.addEventListener('abort', () => {
    if (cleanupMs === 0) step.reject(step.context.signal.reason);
    else setTimeout(() => step.reject(step.context.signal.reason), cleanupMs);
  });
}

interface HarnessConfig {
  leaseMs?: number;
  progressIntervalMs?: number;
  withoutReportProgress?: boolean;
  withoutOnProgress?: boolean;
}

function harness(config: HarnessConfig = {}) {
  const store = recordingStore(config);
  const logger = recordingLogger();
  const steps = new Map<string, Step>();
  const implementation: TaskImplementation = (input, context) =>
    new Promise((resolve, reject) => void steps.set(context.taskId, { input, context, resolve, reject }));

  const deliveries: Array<{ task: TaskRow; outcome: unknown; origin: TaskOrigin | null; at: number }> = [];
  /** Errors the next deliveries reject with, in order; then `deliverControl.failsWith` for every call, if set. */
  const deliverErrors: unknown[] = [];
  const deliverControl = { failsWith: null as { error: unknown } | null };
  const deliver = async (task: TaskRow, outcome: unknown, origin: TaskOrigin | null) => {
    deliveries.push({ task, outcome, origin, at: elapsed() });
    // Far more calls than any test makes: a delivery loop that never waits is made to wait (a retry on the fake
    // clock), so the test fails on the count instead of spinning forever.
    if (deliveries.length > 200) throw new Error('runaway deliveries');
    if (deliverErrors.length > 0) throw deliverErrors.shift();
    if (deliverControl.failsWith) throw deliverControl.failsWith.error;
  };
  const toTaskError = jest.fn((error: unknown) => ({ kind: 'converted', message: (error as Error).message }));
  const readOutput = jest.fn(async (workflowId: string, ref: StepOutputRef) => ({ readFrom: workflowId, ref }));
  const progressSeen: Array<{ task: TaskRow; progress: TaskProgress; at: number }> = [];

  const runner = new TaskRunner({
    owner: OWNER,
    leaseMs: config.leaseMs ?? 60_000,
    store: store.store,
    tasks: { extractDocument: implementation, analyzeTransactions: implementation },
    toTaskError,
    logger,
    deliver,
    readOutput,
    progressIntervalMs: config.progressIntervalMs ?? 400,
    onProgress: config.withoutOnProgress ? undefined : (task, progress) => void progressSeen.push({ task, progress, at: elapsed() }),
  });

  /** Runs a task leased to this owner (the store holds its lease until the test says otherwise). */
  const start = (task: TaskRow, ...origin: [TaskOrigin | null] | []): boolean => {
    store.held.add(task.id);
    return runner.run(task, ...origin);
  };
  const step = (taskId: string): Step => {
    const found = steps.get(taskId);
    if (!found) throw new Error(`step ${taskId} was not started`);
    return found;
  };
  const abortReason = (taskId: string) => (step(taskId).context.signal.reason as Error | undefined)?.message;
  const outcomes = () => deliveries.map(({ task, outcome }) => ({ taskId: task.id, outcome }));

  return { runner, store, logs: logger.entries, steps, step, abortReason, deliveries, deliverErrors, deliverControl, outcomes, toTaskError, readOutput, progressSeen, start };
}

/** Follows a promise without awaiting it: a stop that never ends then fails an assertion instead of the test hanging. */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const origin = { machineVersion: 3, version: 7 } as unknown as TaskOrigin;
const pgError = (code: unknown, message = 'value too long for type character varying(10)') => Object.assign(new Error(message), { code });

beforeEach(() => {
  jest.useFakeTimers({ now: START, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask'] });
});

afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

describe(TaskRunner.name, () => {
  describe('run', () => {
    it('starts the implementation with the task input and a context for this task', async () => {
      const h = harness();
      const task = row('t1', { workflow_id: 'wf-9', runs: 3, input: { pages: 4 } });

      expect(h.start(task)).toBe(true);

      const { input, context } = h.step('t1');
      expect(input).toBe(task.input);
      expect(context).toEqual({
        taskId: 't1',
        workflowId: 'wf-9',
        signal: expect.any(AbortSignal),
        run: 3,
        readOutput: expect.any(Function),
        progress: expect.any(Function),
      });
      expect(context.signal.aborted).toBe(false);
      // Earlier outputs are read through the engine, for this task's workflow.
      await expect(context.readOutput({ output: 'parse' })).resolves.toEqual({ readFrom: 'wf-9', ref: { output: 'parse' } });
      expect(h.readOutput.mock.calls).toEqual([['wf-9', { output: 'parse' }]]);
    });

    it('refuses a task already running here and takes it again once it finished', async () => {
      const h = harness();
      expect(h.start(row('t1'))).toBe(true);
      const first = h.step('t1');

      // A lease lapsed during an outage and re-claimed: the copy already running goes on alone.
      expect(h.runner.run(row('t1', { runs: 2 }))).toBe(false);
      expect(h.step('t1')).toBe(first);
      expect(h.runner.size).toBe(1);

      first.resolve('done');
      await settled();
      expect(h.runner.size).toBe(0);
      expect(h.runner.run(row('t1', { runs: 2 }))).toBe(true);
      expect(h.step('t1').context.run).toBe(2);
    });

    it('counts the running tasks and forgets each as it settles', async () => {
      const h = harness();
      expect(h.runner.size).toBe(0);
      h.start(row('t1'));
      h.start(row('t2', { workflow_id: 'wf-2' }));
      h.start(row('t3'));
      expect(h.runner.size).toBe(3);

      h.step('t2').resolve('ok');
      await settled();
      expect(h.runner.size).toBe(2);

      h.step('t1').reject(new Error('boom'));
      h.step('t3').resolve('ok');
      await settled();
      expect(h.runner.size).toBe(0);
    });
  });

  describe('delivering an outcome', () => {
    it('delivers a success once, with its output and the origin it ran with', async () => {
      const h = harness();
      const task = row('t1');
      h.start(task, origin);
      expect(h.deliveries).toEqual([]);

      h.step('t1').resolve({ pages: 12 });
      await settled();

      expect(h.deliveries).toEqual([{ task, outcome: { ok: true, output: { pages: 12 } }, origin, at: 0 }]);
      expect(h.deliveries[0]!.origin).toBe(origin);
      expect(h.deliveries[0]!.task).toBe(task);
      expect(h.toTaskError).not.toHaveBeenCalled();
      expect(h.logs).toEqual([]);
    });

    it('delivers with no origin when run without one', async () => {
      const h = harness();
      h.start(row('t1'));
      h.step('t1').resolve(undefined);
      await settled();
      expect(h.deliveries.map(({ outcome, origin: given }) => ({ outcome, origin: given }))).toEqual([{ outcome: { ok: true, output: undefined }, origin: null }]);
    });

    it('delivers a failure as what toTaskError makes of the thrown error', async () => {
      const h = harness();
      h.start(row('t1'), origin);
      const thrown = new Error('the OCR service answered 503');

      h.step('t1').reject(thrown);
      await settled();

      expect(h.toTaskError.mock.calls).toEqual([[thrown]]);
      expect(h.toTaskError.mock.calls[0]![0]).toBe(thrown);
      expect(h.outcomes()).toEqual([{ taskId: 't1', outcome: { ok: false, error: { kind: 'converted', message: 'the OCR service answered 503' } } }]);
      expect(h.deliveries[0]!.origin).toBe(origin);
    });

    it('fails a step with no implementation, naming its src', async () => {
      const h = harness();
      expect(h.start(row('t1', { src: 'classifyReceipts' }))).toBe(true);
      await settled();

      expect(h.toTaskError).toHaveBeenCalledTimes(1);
      const error = h.toTaskError.mock.calls[0]![0] as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toBe('no implementation registered for step "classifyReceipts"');
      expect(h.outcomes()).toEqual([
        { taskId: 't1', outcome: { ok: false, error: { kind: 'converted', message: 'no implementation registered for step "classifyReceipts"' } } },
      ]);
      expect(h.runner.size).toBe(0);
    });
  });

  describe('abortTask', () => {
    it('aborts the task for its missed deadline and delivers nothing it answers afterwards', async () => {
      const h = harness();
      h.start(row('t1'));
      h.start(row('t2'));

      h.runner.abortTask('t1');

      expect(h.step('t1').context.signal.aborted).toBe(true);
      expect(h.abortReason('t1')).toBe('step deadline passed');
      expect(h.step('t2').context.signal.aborted).toBe(false);

      // The step ignores its signal and answers anyway: the deadline's transition already decided its fate.
      h.step('t1').resolve('late');
      h.step('t2').resolve('on time');
      await settled();
      expect(h.outcomes()).toEqual([{ taskId: 't2', outcome: { ok: true, output: 'on time' } }]);
      expect(h.runner.size).toBe(0);
    });

    it('delivers nothing for an aborted step that stops with an error', async () => {
      const h = harness();
      h.start(row('t1'));
      honourSignal(h.step('t1'));
      h.runner.abortTask('t1');
      await settled();
      expect(h.deliveries).toEqual([]);
      expect(h.runner.size).toBe(0);
    });

    it('ignores a task that is not running here', () => {
      const h = harness();
      h.start(row('t1'));
      expect(() => h.runner.abortTask('elsewhere')).not.toThrow();
      expect(h.step('t1').context.signal.aborted).toBe(false);
    });
  });

  describe('abortActor', () => {
    it('aborts only that workflow\'s tasks of that actor, except the ones kept', async () => {
      const h = harness();
      h.start(row('t1', { actor_id: 'extract' }));
      h.start(row('t2', { actor_id: 'extract' }));
      h.start(row('t3', { actor_id: 'analyze', src: 'analyzeTransactions' }));
      h.start(row('t4', { workflow_id: 'wf-2', actor_id: 'extract' }));
      for (const id of ['t1', 't2', 't3', 't4']) honourSignal(h.step(id));

      h.runner.abortActor('wf-1', 'extract', new Set(['t2']));

      expect(h.abortReason('t1')).toBe('step stopped by the workflow');
      expect(['t2', 't3', 't4'].map((id) => h.step(id).context.signal.aborted)).toEqual([false, false, false]);

      for (const id of ['t2', 't3', 't4']) h.step(id).resolve(id);
      await settled();
      expect(h.outcomes().map(({ taskId }) => taskId)).toEqual(['t2', 't3', 't4']);
    });

    it('does nothing for a workflow with no task running here', () => {
      const h = harness();
      h.start(row('t1', { actor_id: 'extract' }));
      expect(() => h.runner.abortActor('wf-unknown', 'extract', new Set())).not.toThrow();
      expect(h.step('t1').context.signal.aborted).toBe(false);
    });

    it('still finds a workflow\'s other tasks after one of them finished', async () => {
      const h = harness();
      h.start(row('t1', { actor_id: 'extract' }));
      h.start(row('t2', { actor_id: 'extract' }));
      h.step('t1').resolve('first');
      await settled();

      h.runner.abortActor('wf-1', 'extract', new Set());

      expect(h.abortReason('t2')).toBe('step stopped by the workflow');
    });

    it('finds a workflow\'s task started after all its earlier ones finished', async () => {
      const h = harness();
      h.start(row('t1', { actor_id: 'extract' }));
      h.step('t1').resolve('first');
      await settled();
      h.start(row('t2', { actor_id: 'extract' }));

      h.runner.abortActor('wf-1', 'extract', new Set());

      expect(h.abortReason('t2')).toBe('step stopped by the workflow');
    });
  });

  describe('renewing leases', () => {
    it('renews the running tasks\' leases every third of the lease', async () => {
      const h = harness({ leaseMs: 300 });
      h.start(row('t1'));
      h.start(row('t2', { workflow_id: 'wf-2' }));
      h.runner.startRenewing();

      await advance(99);
      expect(h.store.renewals).toEqual([]);
      await advance(1);
      expect(h.store.renewals).toEqual([{ owner: OWNER, ids: ['t1', 't2'], leaseMs: 300, at: 100 }]);
      await advance(100);
      expect(h.store.renewals.map(({ at }) => at)).toEqual([100, 200]);
      expect(h.logs).toEqual([]);
    });

    it('renews no more often than every 50 ms however short the lease', async () => {
      const h = harness({ leaseMs: 90 });
      h.start(row('t1'));
      h.runner.startRenewing();

      await advance(49);
      expect(h.store.renewals).toEqual([]);
      await advance(1);
      expect(h.store.renewals).toEqual([{ owner: OWNER, ids: ['t1'], leaseMs: 90, at: 50 }]);
      await advance(100);
      expect(h.store.renewals.map(({ at }) => at)).toEqual([50, 100, 150]);
    });

    it('renews only the tasks still running', async () => {
      const h = harness({ leaseMs: 300 });
      h.start(row('t1'));
      h.start(row('t2'));
      h.runner.startRenewing();
      h.step('t1').resolve('ok');
      await advance(100);
      expect(h.store.renewals.map(({ ids }) => ids)).toEqual([['t2']]);
    });

    it('asks the store nothing when no task runs', async () => {
      const h = harness({ leaseMs: 300 });
      h.runner.startRenewing();
      await advance(1_000);
      expect(h.store.renewals).toEqual([]);
    });

    it('aborts a task whose lease was lost, warning about it, and keeps the others', async () => {
      const h = harness({ leaseMs: 300 });
      h.start(row('t1'));
      h.start(row('t2', { workflow_id: 'wf-2' }));
      honourSignal(h.step('t1'));
      honourSignal(h.step('t2'));
      h.runner.startRenewing();
      // Another replica took t2 over.
      h.store.held.delete('t2');

      await advance(100);

      expect(h.abortReason('t2')).toBe('lease lost');
      expect(h.step('t1').context.signal.aborted).toBe(false);
      expect(h.logs).toEqual([{ level: 'warn', message: 'lost the lease of a running step; aborting it', context: { workflowId: 'wf-2', taskId: 't2' } }]);
      expect(h.deliveries).toEqual([]);
      expect(h.runner.size).toBe(1);

      h.step('t1').resolve('kept');
      await settled();
      expect(h.outcomes()).toEqual([{ taskId: 't1', outcome: { ok: true, output: 'kept' } }]);
    });

    it('does not count a task that finished during the renewal as lost', async () => {
      const h = harness({ leaseMs: 300 });
      h.start(row('t1'));
      let openGate!: () => void;
      h.store.control.renewGate = new Promise((resolve) => (openGate = resolve));
      h.runner.startRenewing();
      await advance(100);
      expect(h.store.renewals).toHaveLength(1);

      // Finished (and its lease released by its commit) while the renewal was in flight.
      h.step('t1').resolve('ok');
      await settled();
      h.store.held.delete('t1');
      openGate();
      await settled();

      expect(h.logs).toEqual([]);
      expect(h.outcomes()).toEqual([{ taskId: 't1', outcome: { ok: true, output: 'ok' } }]);
    });

    it('warns when a renewal fails and tries again at the next tick, the task running on', async () => {
      const h = harness({ leaseMs: 300 });
      h.start(row('t1'));
      h.runner.startRenewing();
      h.store.control.renewFailure = new Error('connection refused');

      await advance(100);

      expect(h.logs).toEqual([{ level: 'warn', message: 'renewing step leases failed; will try again', context: { error: 'Error: connection refused' } }]);
      expect(h.step('t1').context.signal.aborted).toBe(false);

      h.store.control.renewFailure = null;
      await advance(100);
      expect(h.store.renewals.map(({ at }) => at)).toEqual([100, 200]);
      expect(h.logs).toHaveLength(1);
      expect(h.step('t1').context.signal.aborted).toBe(false);
    });
  });

  describe('stop', () => {
    it('aborts every running task for the shutdown and answers how many were running', async () => {
      const h = harness();
      h.start(row('t1'));
      h.start(row('t2', { workflow_id: 'wf-2' }));
      honourSignal(h.step('t1'));
      honourSignal(h.step('t2'));

      const stopped = watch(h.runner.stop());
      await settled();

      expect(stopped).toEqual({ settled: true, value: 2 });
      expect(h.abortReason('t1')).toBe('replica shutting down');
      expect(h.abortReason('t2')).toBe('replica shutting down');
      expect(h.deliveries).toEqual([]);
      expect(h.runner.size).toBe(0);
    });

    it('waits for the aborted tasks to wind down', async () => {
      const h = harness();
      h.start(row('t1'));
      honourSignal(h.step('t1'), 30);
      const stopped = watch(h.runner.stop());

      await advance(29);
      expect(stopped.settled).toBe(false);
      expect(h.runner.size).toBe(1);
      await advance(1);
      expect(stopped).toEqual({ settled: true, value: 1 });
      expect(h.runner.size).toBe(0);
    });

    // The grace period is the lease, at most 5 s: past it the lease is released and another replica runs the step.
    it.each([
      { leaseMs: 300, grace: 300 },
      { leaseMs: 60_000, grace: 5_000 },
    ])('waits for a task deaf to its signal no longer than $grace ms with a $leaseMs ms lease', async ({ leaseMs, grace }) => {
      const h = harness({ leaseMs });
      h.start(row('t1'));
      const stopped = watch(h.runner.stop());

      await advance(grace - 1);
      expect(stopped.settled).toBe(false);
      await advance(1);
      expect(stopped).toEqual({ settled: true, value: 1 });

      // Its answer, when it comes, is not delivered: another replica runs the step again.
      h.step('t1').resolve('late');
      await settled();
      expect(h.deliveries).toEqual([]);
      expect(h.runner.size).toBe(0);
    });

    it('answers 0 at once when nothing runs, leaving no timer behind', async () => {
      const h = harness();
      h.runner.startRenewing();
      const stopped = watch(h.runner.stop());
      await settled();
      expect(stopped).toEqual({ settled: true, value: 0 });
      expect(jest.getTimerCount()).toBe(0);
    });

    it('stops renewing leases', async () => {
      const h = harness({ leaseMs: 300 });
      h.start(row('t1'));
      h.runner.startRenewing();
      await advance(100);
      expect(h.store.renewals).toHaveLength(1);

      // The task ignores its signal, so it is still there to renew if the timer were still armed.
      const stopped = watch(h.runner.stop());
      await advance(1_000);
      expect(stopped).toEqual({ settled: true, value: 1 });
      expect(h.runner.size).toBe(1);
      expect(h.store.renewals).toHaveLength(1);
    });

    it('refuses new tasks from the moment it begins stopping until renewing starts again', async () => {
      const h = harness({ leaseMs: 300 });
      h.start(row('t1'));
      const stopped = watch(h.runner.stop());

      expect(h.start(row('t2'))).toBe(false);
      await advance(300);
      expect(stopped).toEqual({ settled: true, value: 1 });
      expect(h.start(row('t3'))).toBe(false);
      expect(h.steps.has('t2') || h.steps.has('t3')).toBe(false);

      h.runner.startRenewing();
      expect(h.start(row('t4'))).toBe(true);
      h.step('t4').resolve('after restart');
      await settled();
      expect(h.outcomes()).toEqual([{ taskId: 't4', outcome: { ok: true, output: 'after restart' } }]);
    });

    it('gives up retrying a delivery once stopping', async () => {
      const h = harness({ leaseMs: 60_000 });
      h.start(row('t1'));
      h.deliverControl.failsWith = { error: new Error('database unavailable') };
      h.step('t1').resolve('ok');
      await settled();
      expect(h.deliveries).toHaveLength(1);

      const stopped = watch(h.runner.stop());
      await advance(100);

      // The retry due at 100 ms fails too and is the last: the shutdown does not wait out the lease.
      expect(h.deliveries.map(({ at }) => at)).toEqual([0, 100]);
      expect(h.logs).toEqual([
        { level: 'error', message: 'could not record a step result; the step will run again', context: { workflowId: 'wf-1', taskId: 't1', error: 'Error: database unavailable' } },
      ]);
      expect(stopped).toEqual({ settled: true, value: 1 });
      await advance(10_000);
      expect(h.deliveries).toHaveLength(2);
    });
  });

  describe('progress', () => {
    it('writes the first report at once, to onProgress and the store', async () => {
      const h = harness();
      const task = row('t1');
      h.start(task);

      h.step('t1').context.progress(progressOf(1));
      await advance(0);

      expect(h.progressSeen).toEqual([{ task, progress: progressOf(1), at: 0 }]);
      expect(h.progressSeen[0]!.task).toBe(task);
      expect(h.store.progressWrites).toEqual([{ owner: OWNER, taskId: 't1', progress: progressOf(1), at: 0 }]);
      expect(h.logs).toEqual([]);
      expect(h.step('t1').context.signal.aborted).toBe(false);
    });

    /** Reports 1..count, 100 ms apart (fake time): the last one at (count - 1) * 100 ms. */
    async function reportEvery100ms(progress: (p: TaskProgress) => void, count: number) {
      for (let done = 1; done <= count; done++) {
        if (done > 1) await advance(100);
        progress(progressOf(done));
      }
    }

    it('writes at most once per interval, the latest report of the interval', async () => {
      const h = harness({ progressIntervalMs: 400 });
      h.start(row('t1'));
      const { progress } = h.step('t1').context;

      await reportEvery100ms(progress, 3);
      await advance(199);
      expect(h.store.progressWrites.map(({ progress: p, at }) => [p.done, at])).toEqual([[1, 0]]);

      await advance(1);
      expect(h.store.progressWrites.map(({ progress: p, at }) => [p.done, at])).toEqual([[1, 0], [3, 400]]);
      expect(h.progressSeen.map(({ progress: p, at }) => [p.done, at])).toEqual([[1, 0], [3, 400]]);

      // The next interval counts from the last write, not from the report.
      await advance(200);
      progress(progressOf(4));
      await advance(199);
      expect(h.store.progressWrites).toHaveLength(2);
      await advance(1);
      expect(h.store.progressWrites.map(({ progress: p, at }) => [p.done, at])).toEqual([[1, 0], [3, 400], [4, 800]]);

      // Quiet for longer than the interval: the next report is written at once again.
      await advance(1_000);
      progress(progressOf(5));
      await advance(0);
      expect(h.store.progressWrites.map(({ progress: p, at }) => [p.done, at])).toEqual([[1, 0], [3, 400], [4, 800], [5, 1_800]]);
    });

    it('never writes a report still pending when the step finishes', async () => {
      const h = harness({ progressIntervalMs: 400 });
      h.start(row('t1'));
      const { progress } = h.step('t1').context;
      await reportEvery100ms(progress, 3);
      h.step('t1').resolve('ok');
      await settled();

      await advance(2_000);
      expect(h.store.progressWrites.map(({ progress: p }) => p.done)).toEqual([1]);
      expect(h.progressSeen.map(({ progress: p }) => p.done)).toEqual([1]);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('drops the reports of an aborted step, pending or new', async () => {
      const h = harness({ progressIntervalMs: 400 });
      h.start(row('t1'));
      const { progress } = h.step('t1').context;
      progress(progressOf(1));
      await advance(100);
      progress(progressOf(2));
      // The step ignores its signal, so it keeps running and reporting.
      h.runner.abortTask('t1');

      await advance(1_000);
      expect(h.store.progressWrites.map(({ progress: p }) => p.done)).toEqual([1]);

      progress(progressOf(3));
      expect(jest.getTimerCount()).toBe(0);
      await advance(1_000);
      expect(h.store.progressWrites.map(({ progress: p }) => p.done)).toEqual([1]);
      expect(h.progressSeen.map(({ progress: p }) => p.done)).toEqual([1]);
    });

    it('aborts the step when the store says the task is no longer this replica\'s', async () => {
      const h = harness();
      h.start(row('t1'));
      h.store.held.delete('t1');

      h.step('t1').context.progress(progressOf(1));
      await advance(0);

      expect(h.store.progressWrites).toHaveLength(1);
      expect(h.abortReason('t1')).toBe('the task is no longer this replica\'s');
      h.step('t1').resolve('ok');
      await settled();
      expect(h.deliveries).toEqual([]);
    });

    it('warns when a progress write fails and lets the step go on', async () => {
      const h = harness();
      h.start(row('t1', { workflow_id: 'wf-7' }));
      h.store.control.progressFailure = new Error('statement timeout');

      h.step('t1').context.progress(progressOf(1));
      await advance(0);

      expect(h.logs).toEqual([
        { level: 'warn', message: 'recording step progress failed; the step goes on', context: { workflowId: 'wf-7', taskId: 't1', error: 'Error: statement timeout' } },
      ]);
      expect(h.step('t1').context.signal.aborted).toBe(false);
      h.step('t1').resolve('ok');
      await settled();
      expect(h.outcomes()).toEqual([{ taskId: 't1', outcome: { ok: true, output: 'ok' } }]);
    });

    it('still tells onProgress when the store keeps no progress', async () => {
      const h = harness({ withoutReportProgress: true });
      h.start(row('t1'));

      h.step('t1').context.progress(progressOf(1));
      await advance(0);

      expect(h.progressSeen.map(({ progress: p }) => p)).toEqual([progressOf(1)]);
      expect(h.logs).toEqual([]);
      expect(h.step('t1').context.signal.aborted).toBe(false);
    });

    it('still writes to the store without onProgress', async () => {
      const h = harness({ withoutOnProgress: true });
      h.start(row('t1'));

      h.step('t1').context.progress(progressOf(1));
      await advance(0);

      expect(h.store.progressWrites.map(({ progress: p }) => p)).toEqual([progressOf(1)]);
      expect(h.logs).toEqual([]);
    });
  });

  describe('retrying a delivery', () => {
    it('retries a failed delivery after 100, 200, 400 ... ms, doubling up to 5 s, until it succeeds', async () => {
      const h = harness({ leaseMs: 60_000 });
      h.start(row('t1'), origin);
      h.deliverErrors.push(...Array.from({ length: 9 }, () => new Error('database unavailable')));
      h.step('t1').resolve('ok');

      await advance(21_299);
      expect(h.deliveries.map(({ at }) => at)).toEqual([0, 100, 300, 700, 1_500, 3_100, 6_300, 11_300, 16_300]);

      await advance(1);
      expect(h.deliveries.map(({ at }) => at)).toEqual([0, 100, 300, 700, 1_500, 3_100, 6_300, 11_300, 16_300, 21_300]);
      // Every attempt carries the same outcome and origin; success ends the retries without a word.
      expect(new Set(h.deliveries.map(({ outcome }) => JSON.stringify(outcome)))).toEqual(new Set([JSON.stringify({ ok: true, output: 'ok' })]));
      expect(h.deliveries.every(({ origin: given }) => given === origin)).toBe(true);
      expect(h.logs).toEqual([]);
      await advance(60_000);
      expect(h.deliveries).toHaveLength(10);
      expect(h.runner.size).toBe(0);
    });

    it('gives up once the next retry would pass the lease, counted from the first delivery', async () => {
      // leaseMs 700: the retry due exactly at the deadline (300 + 400) still happens, the one after would not.
      const h = harness({ leaseMs: 700 });
      h.start(row('t1', { workflow_id: 'wf-3' }));
      h.deliverControl.failsWith = { error: new Error('database unavailable') };
      // The step itself takes 500 ms: the deadline counts from its answer, not from its start.
      await advance(500);
      h.step('t1').resolve('ok');

      await advance(10_000);

      expect(h.deliveries.map(({ at }) => at)).toEqual([500, 600, 800, 1_200]);
      expect(h.logs).toEqual([
        { level: 'error', message: 'could not record a step result; the step will run again', context: { workflowId: 'wf-3', taskId: 't1', error: 'Error: database unavailable' } },
      ]);
      expect(h.runner.size).toBe(0);
    });

    it('retries a delivery rejected with no error object at all', async () => {
      const h = harness();
      h.start(row('t1'));
      h.deliverErrors.push(null);
      h.step('t1').resolve('ok');

      await advance(100);

      expect(h.deliveries.map(({ at, outcome }) => ({ at, outcome }))).toEqual([
        { at: 0, outcome: { ok: true, output: 'ok' } },
        { at: 100, outcome: { ok: true, output: 'ok' } },
      ]);
      expect(h.logs).toEqual([]);
    });

    it.each([
      ['a RangeError', new RangeError('Invalid string length'), 'RangeError: Invalid string length', 'Invalid string length'],
      ['a data exception (22001)', pgError('22001'), 'Error: value too long for type character varying(10)', 'value too long for type character varying(10)'],
      ['a data exception with letters (22P02)', pgError('22P02', 'invalid input syntax'), 'Error: invalid input syntax', 'invalid input syntax'],
      ['insufficient resources (53100)', pgError('53100', 'could not extend file'), 'Error: could not extend file', 'could not extend file'],
      ['a program limit (54000)', pgError('54000', 'total size of jsonb array elements exceeds the maximum'), 'Error: total size of jsonb array elements exceeds the maximum', 'total size of jsonb array elements exceeds the maximum'],
    ])('fails the step permanently when its result cannot be stored: %s', async (_name, error, logged, message) => {
      const h = harness();
      const task = row('t1', { workflow_id: 'wf-5', actor_id: 'extractDocument' });
      h.start(task, origin);
      h.deliverErrors.push(error);
      h.step('t1').resolve({ huge: true });

      await settled();

      // Replaying the step would hit the same wall: the failure is delivered at once instead of a retry.
      expect(h.deliveries).toEqual([
        { task, outcome: { ok: true, output: { huge: true } }, origin, at: 0 },
        {
          task,
          outcome: {
            ok: false,
            error: { kind: 'permanent', code: 'STEP_RESULT_UNSTORABLE', message: `the extractDocument result could not be stored: ${message}` },
          },
          origin,
          at: 0,
        },
      ]);
      expect(h.logs).toEqual([
        { level: 'error', message: 'a step result cannot be stored; the step fails instead of running again', context: { workflowId: 'wf-5', taskId: 't1', error: logged } },
      ]);
      expect(h.toTaskError).not.toHaveBeenCalled();
      await advance(10_000);
      expect(h.deliveries).toHaveLength(2);
    });

    it.each([
      ['a unique violation (23505)', '23505'],
      ['a code too short (2200)', '2200'],
      ['a code too long (220011)', '220011'],
      ['a prefix before the class (X22001)', 'X22001'],
      ['a suffix after the code (22001x)', '22001x'],
      ['lower-case letters (22p02)', '22p02'],
      ['a numeric code (22001)', 22001],
    ])('retries an ordinary delivery error: %s', async (_name, code) => {
      const h = harness();
      h.start(row('t1'));
      h.deliverErrors.push(pgError(code, 'something else went wrong'));
      h.step('t1').resolve('ok');

      await settled();
      expect(h.deliveries).toHaveLength(1);
      await advance(100);

      expect(h.deliveries.map(({ at, outcome }) => ({ at, outcome }))).toEqual([
        { at: 0, outcome: { ok: true, output: 'ok' } },
        { at: 100, outcome: { ok: true, output: 'ok' } },
      ]);
      expect(h.logs).toEqual([]);
    });

    it('retries a failed outcome whatever the store\'s error, without rewriting it', async () => {
      const h = harness();
      h.start(row('t1'));
      h.deliverErrors.push(new RangeError('Invalid string length'), pgError('22001'));
      h.step('t1').reject(new Error('parser crashed'));

      await settled();
      expect(h.deliveries).toHaveLength(1);
      await advance(300);

      const failed = { ok: false, error: { kind: 'converted', message: 'parser crashed' } };
      expect(h.deliveries.map(({ at, outcome }) => ({ at, outcome }))).toEqual([
        { at: 0, outcome: failed },
        { at: 100, outcome: failed },
        { at: 300, outcome: failed },
      ]);
      expect(h.logs).toEqual([]);
    });
  });
});
