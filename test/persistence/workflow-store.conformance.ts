import type { CommitTransitionParams, CreateWorkflowParams } from '@cashflow/workflow-engine';
import type { AnalysisOutput, ExtractionOutput } from '@cashflow/workflow-machine';
import { randomUUID } from 'node:crypto';
import type { SqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { ALL_USERS, userOwner } from '../../apps/orchestrator/src/persistence/owner.js';
import { TransactionsStore } from '../../apps/orchestrator/src/persistence/transactions.store.js';
import { UserDataStore } from '../../apps/orchestrator/src/persistence/user-data.store.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { waitFor } from '../support/wait-for.js';

export interface ConformanceTarget {
  caller: SqlFunctionCaller;
  /** Empties the tables; a no-op where that is impossible (a live project), so no case relies on it. */
  reset(): Promise<void>;
  close(): Promise<void>;
  /**
   * Only where calls run at once (a pool of connections): blocks every insert into `workflows` from another
   * session until released, so racing calls all reach the database before any of them commits.
   */
  holdWorkflowInserts?(): Promise<InsertHold>;
}

export interface InsertHold {
  /** How many other sessions wait on the hold right now. */
  waiting(): Promise<number>;
  release(): Promise<void>;
}

const LEASE_MS = 10_000;
const SHORT_LEASE_MS = 200;
const A = 'replica-a';
const B = 'replica-b';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function newWorkflow(over: Partial<CreateWorkflowParams> = {}): CreateWorkflowParams {
  return {
    id: randomUUID(),
    user_id: `user-${randomUUID()}`,
    document_path: '/statements/march.csv',
    idempotency_key: null,
    snapshot: { value: 'received', context: { attempts: {} } },
    machine_version: 1,
    state: 'received',
    error: null,
    results: null,
    view: { step: null },
    owner: A,
    lease_ms: LEASE_MS,
    history: { type: 'created', from_state: null, to_state: 'received', detail: {} },
    timers_add: [],
    timers_cancel: [],
    tasks_start: [],
    tasks_stop: [],
    ...over,
  };
}

export function commit(workflowId: string, expectedVersion: number, over: Partial<CommitTransitionParams> = {}): CommitTransitionParams {
  return {
    workflow_id: workflowId,
    expected_version: expectedVersion,
    snapshot: { value: 'extracting', n: expectedVersion + 1 },
    machine_version: 1,
    state: 'extracting',
    error: null,
    results: null,
    view: { step: 'extract' },
    owner: A,
    lease_ms: LEASE_MS,
    history: { type: 'transition', from_state: 'received', to_state: 'extracting', detail: { n: expectedVersion + 1 } },
    timers_add: [],
    timers_cancel: [],
    tasks_start: [],
    tasks_stop: [],
    ...over,
  };
}

export const extractTask = { actor_id: 'extractDocument', src: 'extractDocument', input: { documentPath: '/statements/march.csv' } };

/** The persistence semantics the engine and the API rely on, run against every adapter that can be reached. */
export function describeWorkflowStoreConformance(name: string, open: () => Promise<ConformanceTarget>, options: { concurrentCalls?: boolean } = {}): void {
  describe(`WorkflowStore conformance: ${name}`, () => {
    let target: ConformanceTarget;
    let store: WorkflowStore;
    let transactions: TransactionsStore;
    let reads: UserDataStore;

    beforeAll(async () => {
      target = await open();
      store = new WorkflowStore(target.caller);
      transactions = new TransactionsStore(target.caller);
      reads = new UserDataStore(target.caller);
    });
    afterAll(async () => {
      await target?.close();
    });
    beforeEach(async () => {
      await target.reset();
    });

    async function claimedBy(owner: string, ids: Set<string>, leaseMs = LEASE_MS) {
      const work = await store.claimWork(owner, 1000, leaseMs);
      return {
        timers: work.timers.filter((t) => ids.has(t.workflow_id)),
        tasks: work.tasks.filter((t) => ids.has(t.workflow_id)),
        nextDueAt: work.next_due_at,
      };
    }

    describe('create', () => {
      it('creates a workflow at version 1 with its first history entry', async () => {
        const params = newWorkflow({ idempotency_key: 'k-1' });
        const result = await store.createWorkflow(params);
        expect(result.created).toBe(true);
        expect(result.workflow).toMatchObject({
          id: params.id, user_id: params.user_id, state: 'received', version: 1, machine_version: 1,
          snapshot: params.snapshot, view: params.view, idempotency_key: 'k-1',
        });
        const history = await reads.history(ALL_USERS, params.id);
        expect(history).toEqual([expect.objectContaining({ seq: 1, type: 'created', from_state: null, to_state: 'received', replica: A })]);
      });

      it('returns the same workflow for the same idempotency key and user, without starting its tasks again', async () => {
        const first = await store.createWorkflow(newWorkflow({ idempotency_key: 'same', tasks_start: [extractTask] }));
        const again = await store.createWorkflow(newWorkflow({ user_id: first.workflow.user_id, idempotency_key: 'same', tasks_start: [extractTask] }));
        expect(again).toMatchObject({ created: false, tasks: [] });
        expect(again.workflow.id).toBe(first.workflow.id);
        expect((await store.getWorkflow(first.workflow.id))!.tasks).toHaveLength(1);
        expect(await reads.history(ALL_USERS, first.workflow.id)).toHaveLength(1);
      });

      it('creates a new workflow for the same idempotency key from another user', async () => {
        const first = await store.createWorkflow(newWorkflow({ idempotency_key: 'shared-key' }));
        const other = await store.createWorkflow(newWorkflow({ idempotency_key: 'shared-key' }));
        expect(other.created).toBe(true);
        expect(other.workflow.id).not.toBe(first.workflow.id);
      });

      if (options.concurrentCalls) {
        it('creates exactly one workflow when one key is sent several times at once, each call on its own connection', async () => {
          const userId = `user-${randomUUID()}`;
          const hold = await target.holdWorkflowInserts!();
          let results: Array<Awaited<ReturnType<WorkflowStore['createWorkflow']>>>;
          try {
            const racing = Promise.all(
              Array.from({ length: 6 }, () => store.createWorkflow(newWorkflow({ user_id: userId, idempotency_key: 'raced' }))),
            );
            // All six have looked for the key, found none, and wait to insert it: the race is real.
            await waitFor(async () => (await hold.waiting()) === 6, 'six creates to wait on the insert');
            await hold.release();
            results = await racing;
          } finally {
            await hold.release();
          }
          expect(results.filter((r) => r.created)).toHaveLength(1);
          expect(new Set(results.map((r) => r.workflow.id)).size).toBe(1);
          expect(results.filter((r) => !r.created).every((r) => r.workflow.idempotency_key === 'raced')).toBe(true);
          expect(await reads.listWorkflows(userOwner(userId), { limit: 10 })).toHaveLength(1);
        });
      } else {
        // Nothing here makes the calls overlap (on PGlite, one connection, they cannot): this checks the replay path;
        // the race itself is forced where the target can hold inserts (PostgreSQL).
        it('creates exactly one workflow when one key is sent several times, the calls not forced to overlap', async () => {
          const userId = `user-${randomUUID()}`;
          const results = await Promise.all(
            Array.from({ length: 6 }, () => store.createWorkflow(newWorkflow({ user_id: userId, idempotency_key: 'raced' }))),
          );
          expect(results.filter((r) => r.created)).toHaveLength(1);
          expect(new Set(results.map((r) => r.workflow.id)).size).toBe(1);
        });
      }

      // Reads by owner are UserDataStore's ("ownership" below); the engine's store reads by id alone.
      it('reads an unknown workflow as absent', async () => {
        expect(await store.getWorkflow(randomUUID())).toBeNull();
      });
    });

    describe('commit', () => {
      it('commits on the expected version and appends one history row per commit, seq = version', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow());
        const first = await store.commitTransition(commit(workflow.id, 1, { results: { total: '10.00' } }));
        expect(first).toMatchObject({ ok: true, version: 2, tasks: [] });
        expect(await store.commitTransition(commit(workflow.id, 2, { state: 'analyzing', machine_version: 2 }))).toMatchObject({ ok: true, version: 3 });
        const loaded = await store.getWorkflow(workflow.id);
        expect(loaded!.workflow).toMatchObject({ version: 3, state: 'analyzing', machine_version: 2, snapshot: { value: 'extracting', n: 3 } });
        const history = await reads.history(ALL_USERS, workflow.id);
        expect(history.map((h) => h.seq)).toEqual([1, 2, 3]);
        expect(history[1]).toMatchObject({ type: 'transition', detail: { n: 2 }, replica: A });
      });

      it('refuses a stale version with version_conflict and changes nothing', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow());
        await store.commitTransition(commit(workflow.id, 1));
        const stale = await store.commitTransition(commit(workflow.id, 1, { state: 'failed', timers_add: [{ send_id: 'x', event: { type: 'X' }, delay_ms: 0 }] }));
        expect(stale).toEqual({ ok: false, reason: 'version_conflict' });
        const loaded = await store.getWorkflow(workflow.id);
        expect(loaded!.workflow).toMatchObject({ version: 2, state: 'extracting' });
        expect(loaded!.timers).toEqual([]);
        expect(await reads.history(ALL_USERS, workflow.id)).toHaveLength(2);
      });

      it('answers not_found for an unknown workflow', async () => {
        expect(await store.commitTransition(commit(randomUUID(), 1))).toEqual({ ok: false, reason: 'not_found' });
      });

      it('lets exactly one of several concurrent commits on one version through', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow());
        const results = await Promise.all(Array.from({ length: 6 }, () => store.commitTransition(commit(workflow.id, 1))));
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok && r.reason === 'version_conflict')).toHaveLength(5);
        expect(await reads.history(ALL_USERS, workflow.id)).toHaveLength(2);
      });

      it('records an ignored event under the version check without changing the state', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow());
        const history = { type: 'late_result_ignored', from_state: 'received', to_state: 'received', detail: { reason: 'late' } };
        const base = { workflow_id: workflow.id, owner: B, lease_ms: LEASE_MS, history, timers_add: [], timers_cancel: [], tasks_start: [], tasks_stop: [] };
        expect(await store.recordEvent({ ...base, expected_version: 1 })).toMatchObject({ ok: true });
        expect(await store.recordEvent({ ...base, expected_version: 1 })).toMatchObject({ ok: false });
        const loaded = await store.getWorkflow(workflow.id);
        expect(loaded!.workflow).toMatchObject({ version: 2, state: 'received', snapshot: workflow.snapshot });
        expect((await reads.history(ALL_USERS, workflow.id)).at(-1)).toMatchObject({ seq: 2, type: 'late_result_ignored', replica: B });
      });
    });

    describe('timers', () => {
      it('claims a delayed timer only once it is due, with its event', async () => {
        const startedAt = Date.now();
        const { workflow } = await store.createWorkflow(newWorkflow({ timers_add: [{ send_id: 'retry', event: { type: 'RETRY_DUE', n: 1 }, delay_ms: 600 }] }));
        const ids = new Set([workflow.id]);
        const early = await claimedBy(A, ids);
        expect(early.timers).toEqual([]);
        expect(Date.parse(early.nextDueAt!)).toBeLessThanOrEqual(Date.parse((await store.getWorkflow(workflow.id))!.timers[0]!.due_at));
        const timers = await waitFor(async () => {
          const { timers } = await claimedBy(A, ids);
          return timers.length ? timers : undefined;
        }, 'the timer to fall due', 10_000, 50);
        expect(Date.now() - startedAt).toBeGreaterThanOrEqual(550);
        expect(timers).toEqual([expect.objectContaining({ workflow_id: workflow.id, send_id: 'retry', event: { type: 'RETRY_DUE', n: 1 } })]);
        expect((await claimedBy(B, ids)).timers).toEqual([]);
      });

      it('hands each due timer to only one of two owners claiming at once', async () => {
        const created = await Promise.all(
          Array.from({ length: 20 }, () => store.createWorkflow(newWorkflow({ timers_add: [{ send_id: 'start', event: { type: 'START' }, delay_ms: 0 }] }))),
        );
        const ids = new Set(created.map((c) => c.workflow.id));
        const [a, b, a2] = await Promise.all([claimedBy(A, ids), claimedBy(B, ids), claimedBy(A, ids)]);
        const claimed = [...a.timers, ...b.timers, ...a2.timers].map((t) => t.workflow_id);
        expect(claimed).toHaveLength(20);
        expect(new Set(claimed)).toEqual(ids);
      });

      it('makes a claimed timer claimable again once its lease expires', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow({ timers_add: [{ send_id: 'start', event: { type: 'START' }, delay_ms: 0 }] }));
        const ids = new Set([workflow.id]);
        expect((await claimedBy(A, ids, SHORT_LEASE_MS)).timers).toHaveLength(1);
        expect((await claimedBy(B, ids)).timers).toHaveLength(0);
        await sleep(SHORT_LEASE_MS + 100);
        expect((await claimedBy(B, ids)).timers).toHaveLength(1);
      });

      it('cancels a timer with timers_cancel, consumes one with consume_timer, and replaces one with the same send_id', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow({
          timers_add: [
            { send_id: 'a', event: { type: 'A' }, delay_ms: 0 },
            { send_id: 'b', event: { type: 'B' }, delay_ms: 0 },
            { send_id: 'c', event: { type: 'C' }, delay_ms: 0 },
          ],
        }));
        const ids = new Set([workflow.id]);
        expect((await claimedBy(A, ids)).timers).toHaveLength(3);
        await store.commitTransition(commit(workflow.id, 1, {
          consume_timer: 'a',
          timers_cancel: ['b'],
          timers_add: [{ send_id: 'c', event: { type: 'C2' }, delay_ms: 0 }],
        }));
        expect((await store.getWorkflow(workflow.id))!.timers.map((t) => t.send_id)).toEqual(['c']);
        // Replaced: a fresh due time and no lease, so it is claimable at once although A held the old one.
        expect((await claimedBy(B, ids)).timers).toEqual([expect.objectContaining({ send_id: 'c', event: { type: 'C2' } })]);
      });
    });

    describe('tasks', () => {
      it('starts a task leased to the committing owner', async () => {
        const result = await store.createWorkflow(newWorkflow({ tasks_start: [extractTask] }));
        expect(result.tasks).toEqual([expect.objectContaining({ workflow_id: result.workflow.id, actor_id: 'extractDocument', src: 'extractDocument', input: extractTask.input, runs: 1 })]);
        const loaded = await store.getWorkflow(result.workflow.id);
        expect(loaded!.tasks).toEqual([expect.objectContaining({ id: result.tasks[0]!.id, lease_owner: A, status: 'running' })]);
        expect((await claimedBy(B, new Set([result.workflow.id]))).tasks).toEqual([]);
      });

      it('refuses a second running task for one actor and rolls the whole commit back', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow({ tasks_start: [extractTask] }));
        await expect(store.commitTransition(commit(workflow.id, 1, { tasks_start: [extractTask] }))).rejects.toThrow(/workflow_tasks_one_running/);
        const loaded = await store.getWorkflow(workflow.id);
        expect(loaded!.workflow.version).toBe(1);
        expect(loaded!.tasks).toHaveLength(1);
        expect(await reads.history(ALL_USERS, workflow.id)).toHaveLength(1);
      });

      it('stops a task with tasks_stop, after which its actor may start again', async () => {
        const created = await store.createWorkflow(newWorkflow({ tasks_start: [extractTask] }));
        const taskId = created.tasks[0]!.id;
        await store.commitTransition(commit(created.workflow.id, 1, { tasks_stop: ['extractDocument'] }));
        expect((await store.getWorkflow(created.workflow.id))!.tasks).toEqual([]);
        expect(await store.renewLeases(A, [taskId], LEASE_MS)).toEqual([]);
        const restarted = await store.commitTransition(commit(created.workflow.id, 2, { tasks_start: [extractTask] }));
        expect(restarted.ok && restarted.tasks[0]!.id).not.toBe(taskId);
        expect((await store.getWorkflow(created.workflow.id))!.tasks).toHaveLength(1);
      });

      it('renews a lease only for its owner', async () => {
        const created = await store.createWorkflow(newWorkflow({ tasks_start: [extractTask], lease_ms: SHORT_LEASE_MS * 2 }));
        const taskId = created.tasks[0]!.id;
        expect(await store.renewLeases(B, [taskId], LEASE_MS)).toEqual([]);
        expect(await store.renewLeases(A, [taskId], LEASE_MS)).toEqual([taskId]);
        await sleep(SHORT_LEASE_MS * 2 + 100);
        // Renewed by its owner to LEASE_MS, so not expired although the first lease was short.
        expect((await claimedBy(B, new Set([created.workflow.id]))).tasks).toEqual([]);
      });

      it('lets another owner claim a task whose lease expired, counting the run, and the first owner loses it', async () => {
        const created = await store.createWorkflow(newWorkflow({ tasks_start: [extractTask], lease_ms: SHORT_LEASE_MS }));
        const taskId = created.tasks[0]!.id;
        const ids = new Set([created.workflow.id]);
        expect((await claimedBy(B, ids)).tasks).toEqual([]);
        await sleep(SHORT_LEASE_MS + 100);
        const [b, c] = await Promise.all([claimedBy(B, ids), claimedBy('replica-c', ids)]);
        expect([...b.tasks, ...c.tasks]).toEqual([expect.objectContaining({ id: taskId, runs: 2, input: extractTask.input })]);
        const winner = b.tasks.length ? B : 'replica-c';
        expect(await store.renewLeases(A, [taskId], LEASE_MS)).toEqual([]);
        expect(await store.renewLeases(winner, [taskId], LEASE_MS)).toEqual([taskId]);
        expect((await store.getWorkflow(created.workflow.id))!.tasks[0]!.lease_owner).toBe(winner);
      });

      it('makes the tasks and timers of a released owner claimable at once by another', async () => {
        const created = await store.createWorkflow(newWorkflow({
          tasks_start: [extractTask],
          timers_add: [{ send_id: 'start', event: { type: 'START' }, delay_ms: 0 }],
        }));
        const ids = new Set([created.workflow.id]);
        expect((await claimedBy(A, ids)).timers).toHaveLength(1);
        expect(await claimedBy(B, ids)).toMatchObject({ tasks: [], timers: [] });
        await store.releaseLeases(A);
        const b = await claimedBy(B, ids);
        expect(b.tasks).toEqual([expect.objectContaining({ id: created.tasks[0]!.id, runs: 2 })]);
        expect(b.timers).toEqual([expect.objectContaining({ send_id: 'start' })]);
      });

      it('finishes a task with finish_task, which is then neither renewed nor claimed', async () => {
        const created = await store.createWorkflow(newWorkflow({ tasks_start: [extractTask], lease_ms: SHORT_LEASE_MS }));
        const taskId = created.tasks[0]!.id;
        await store.commitTransition(commit(created.workflow.id, 1, { finish_task: { task_id: taskId, status: 'succeeded', outcome: null } }));
        expect((await store.getWorkflow(created.workflow.id))!.tasks).toEqual([]);
        expect(await store.renewLeases(A, [taskId], LEASE_MS)).toEqual([]);
        await sleep(SHORT_LEASE_MS + 100);
        expect((await claimedBy(B, new Set([created.workflow.id]))).tasks).toEqual([]);
      });
    });

    describe('fewer round trips (006)', () => {
      it('commits the first event with the creation: version 2, both history entries, the started task', async () => {
        const params = newWorkflow({ then: { ...commit('', 1, { tasks_start: [extractTask] }) } });
        const result = await store.createWorkflow(params);
        expect(result.workflow).toMatchObject({ state: 'received', version: 1 });
        expect(result.then).toMatchObject({ ok: true, version: 2, tasks: [expect.objectContaining({ actor_id: 'extractDocument' })] });
        const loaded = await store.getWorkflow(params.id);
        expect(loaded!.workflow).toMatchObject({ state: 'extracting', version: 2 });
        expect(loaded!.tasks).toEqual([expect.objectContaining({ id: result.then!.ok ? result.then!.tasks[0]!.id : '', lease_owner: A })]);
        expect((await reads.history(ALL_USERS, params.id)).map((h) => [h.seq, h.type, h.replica])).toEqual([[1, 'created', A], [2, 'transition', A]]);
      });

      it('refuses a result for a task whose lease another replica took over, writing nothing (stale)', async () => {
        const created = await store.createWorkflow(newWorkflow({ tasks_start: [extractTask], lease_ms: SHORT_LEASE_MS }));
        const taskId = created.tasks[0]!.id;
        await sleep(SHORT_LEASE_MS + 100);
        expect((await claimedBy(B, new Set([created.workflow.id]))).tasks).toHaveLength(1);
        // The takeover did not change the version: only the lease check can tell A's result is stale.
        const late = await store.commitTransition(commit(created.workflow.id, 1, { owner: A, finish_task: { task_id: taskId, status: 'succeeded', outcome: null } }));
        expect(late).toEqual({ ok: false, reason: 'stale' });
        const loaded = await store.getWorkflow(created.workflow.id);
        expect(loaded!.workflow).toMatchObject({ version: 1, state: 'received' });
        expect(loaded!.tasks).toEqual([expect.objectContaining({ id: taskId, lease_owner: B })]);
        const onTime = await store.commitTransition(commit(created.workflow.id, 1, { owner: B, finish_task: { task_id: taskId, status: 'succeeded', outcome: null } }));
        expect(onTime).toMatchObject({ ok: true, version: 2 });
      });

      it('commits several workflows in one call, each checked and answered on its own, in order', async () => {
        const [a, b, c] = await Promise.all([1, 2, 3].map(() => store.createWorkflow(newWorkflow())));
        const answers = await store.commitTransitions([
          commit(a!.workflow.id, 1, { tasks_start: [extractTask] }),
          commit(b!.workflow.id, 7),
          commit(randomUUID(), 1),
          commit(c!.workflow.id, 1, { state: 'failed' }),
        ]);
        expect(answers).toEqual([
          expect.objectContaining({ ok: true, version: 2, tasks: [expect.objectContaining({ actor_id: 'extractDocument' })] }),
          { ok: false, reason: 'version_conflict' },
          { ok: false, reason: 'not_found' },
          expect.objectContaining({ ok: true, version: 2, tasks: [] }),
        ]);
        expect((await store.getWorkflow(b!.workflow.id))!.workflow.version).toBe(1);
        expect((await store.getWorkflow(c!.workflow.id))!.workflow.state).toBe('failed');
      });
    });

    describe('listing and history', () => {
      it("lists a user's workflows newest first, page by page, without snapshots or results", async () => {
        const userId = `user-${randomUUID()}`;
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push((await store.createWorkflow(newWorkflow({ user_id: userId }))).workflow.id);
        await store.createWorkflow(newWorkflow());
        const seen: Array<{ id: string; created_at: string }> = [];
        let before: { createdAt: string; id: string } | undefined;
        for (let page = 0; page < 4; page++) {
          const rows = await reads.listWorkflows(userOwner(userId), { limit: 2, before });
          for (const row of rows) {
            expect(row.user_id).toBe(userId);
            expect(row).not.toHaveProperty('snapshot');
            expect(row).not.toHaveProperty('results');
          }
          seen.push(...rows);
          if (rows.length < 2) break;
          before = { createdAt: rows.at(-1)!.created_at, id: rows.at(-1)!.id };
        }
        // Every workflow once across pages; newest first, and workflows created in the same microsecond by id.
        expect(seen.map((r) => r.id).sort()).toEqual([...ids].sort());
        const order = seen.map((r) => [Date.parse(r.created_at), r.created_at, r.id] as const);
        const expected = [...order].sort((a, b) => b[0] - a[0] || (b[1] < a[1] ? -1 : b[1] > a[1] ? 1 : 0) || (b[2] < a[2] ? -1 : 1));
        expect(order).toEqual(expected);
        if (new Set(order.map((o) => o[1])).size === ids.length) expect(seen.map((r) => r.id)).toEqual([...ids].reverse());
      });

      it('filters the list by state', async () => {
        const userId = `user-${randomUUID()}`;
        const { workflow } = await store.createWorkflow(newWorkflow({ user_id: userId }));
        await store.createWorkflow(newWorkflow({ user_id: userId }));
        await store.commitTransition(commit(workflow.id, 1, { state: 'completed' }));
        const rows = await reads.listWorkflows(userOwner(userId), { state: 'completed', limit: 10 });
        expect(rows.map((r) => r.id)).toEqual([workflow.id]);
      });

      it('returns the history in seq order, after a given seq', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow());
        for (let v = 1; v <= 4; v++) await store.commitTransition(commit(workflow.id, v, { owner: v % 2 ? A : B }));
        expect((await reads.history(ALL_USERS, workflow.id)).map((h) => h.seq)).toEqual([1, 2, 3, 4, 5]);
        const after = await reads.history(ALL_USERS, workflow.id, 3);
        expect(after.map((h) => [h.seq, h.replica])).toEqual([[4, A], [5, B]]);
        expect(after[0]).toMatchObject({ detail: { n: 4 } });
      });
    });

    describe('transactions', () => {
      const extraction = (amounts: string[]): ExtractionOutput => ({
        account: {},
        period: { start: '2024-03-01', end: '2024-03-31' },
        currency: 'EUR',
        transactions: amounts.map((amount, i) => ({ id: `tx-${i + 1}`, date: `2024-03-0${i + 1}T00:00:00`, amount, currency: 'EUR', label: `line ${i + 1}`, raw: { line: i + 1 } })),
      });
      const analysis = (category: string, n: number): AnalysisOutput => ({
        transactions: Array.from({ length: n }, (_, i) => ({ id: `tx-${i + 1}`, category, confidence: 0.875 })),
        summary: { income: '0', expenses: '0', net: '0', by_category: {}, by_month: {} },
      });
      const amounts = ['-1234.5678', '0.10', '12345678901234567890.12'];

      it('stores transactions idempotently, with exact decimal amounts', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow());
        expect(await transactions.upsert(workflow.id, workflow.user_id, extraction(amounts), analysis('groceries', 3))).toBe(3);
        expect(await transactions.upsert(workflow.id, workflow.user_id, extraction(amounts), analysis('fees', 3))).toBe(3);
        const rows = await reads.transactions(userOwner(workflow.user_id), workflow.id, { limit: 10 });
        expect(rows).toEqual(amounts.map((amount, i) => ({
          id: `tx-${i + 1}`, date: `2024-03-0${i + 1}`, amount, currency: 'EUR', label: `line ${i + 1}`, category: 'fees', confidence: 0.875,
        })));
      });

      it('lists transactions only for their user', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow());
        await transactions.upsert(workflow.id, workflow.user_id, extraction(amounts), analysis('groceries', 3));
        expect(await reads.transactions(userOwner('someone-else'), workflow.id, { limit: 10 })).toEqual([]);
      });

      it('reads transactions page by page in (date, id) order, each row once', async () => {
        const { workflow } = await store.createWorkflow(newWorkflow());
        await transactions.upsert(workflow.id, workflow.user_id, extraction(amounts), analysis('groceries', 3));
        const first = await reads.transactions(userOwner(workflow.user_id), workflow.id, { limit: 2 });
        expect(first.map((t) => t.id)).toEqual(['tx-1', 'tx-2']);
        const rest = await reads.transactions(userOwner(workflow.user_id), workflow.id, { limit: 2, after: { date: first[1]!.date, id: first[1]!.id } });
        expect(rest.map((t) => t.id)).toEqual(['tx-3']);
      });
    });

    describe('ownership (UserDataStore)', () => {
      it("reads another user's workflow exactly like an unknown one, and any user's with ALL_USERS", async () => {
        const { workflow } = await store.createWorkflow(newWorkflow());
        await store.commitTransition(commit(workflow.id, 1));
        await transactions.upsert(workflow.id, workflow.user_id, {
          account: {}, period: { start: '2024-03-01', end: '2024-03-31' }, currency: 'EUR',
          transactions: [{ id: 'tx-1', date: '2024-03-01', amount: '1.00', currency: 'EUR', label: 'x' }],
        }, { transactions: [{ id: 'tx-1', category: 'fees', confidence: 1 }], summary: { income: '0', expenses: '0', net: '0', by_category: {}, by_month: {} } });
        const stranger = userOwner(`user-${randomUUID()}`);
        const unknownId = randomUUID();
        expect(await reads.getWorkflow(stranger, workflow.id)).toBeNull();
        expect(await reads.getWorkflow(stranger, workflow.id)).toEqual(await reads.getWorkflow(userOwner(workflow.user_id), unknownId));
        expect(await reads.history(stranger, workflow.id)).toEqual([]);
        expect(await reads.transactions(stranger, workflow.id, { limit: 10 })).toEqual([]);
        expect(await reads.webhookDeliveries(stranger, workflow.id)).toEqual([]);
        expect((await reads.listWorkflows(stranger, { limit: 10 })).map((w) => w.id)).not.toContain(workflow.id);

        const own = userOwner(workflow.user_id);
        expect((await reads.getWorkflow(own, workflow.id))?.workflow.id).toBe(workflow.id);
        expect(await reads.history(own, workflow.id)).toHaveLength(2);
        expect(await reads.transactions(own, workflow.id, { limit: 10 })).toHaveLength(1);
        expect((await reads.getWorkflow(ALL_USERS, workflow.id))?.workflow.id).toBe(workflow.id);
        expect(await reads.history(ALL_USERS, workflow.id)).toHaveLength(2);
        expect(await reads.transactions(ALL_USERS, workflow.id, { limit: 10 })).toHaveLength(1);
      });

      it("lists every user's workflows for ALL_USERS and only the owner's for a user", async () => {
        const [a, b] = [`user-${randomUUID()}`, `user-${randomUUID()}`];
        const wa = (await store.createWorkflow(newWorkflow({ user_id: a }))).workflow.id;
        const wb = (await store.createWorkflow(newWorkflow({ user_id: b }))).workflow.id;
        expect((await reads.listWorkflows(userOwner(a), { limit: 10 })).map((w) => w.id)).toEqual([wa]);
        const all = (await reads.listWorkflows(ALL_USERS, { limit: 1000 })).map((w) => w.id);
        expect(all).toEqual(expect.arrayContaining([wa, wb]));
      });
    });
  });
}
