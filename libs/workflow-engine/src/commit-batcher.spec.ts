import { CommitBatcher } from './commit-batcher.js';
import type { CommitResult, CommitTransitionParams, EngineStore } from './engine-store.js';

// The batcher's contract is about when and how commits reach the store, so the store here holds every call open
// until the test settles it: a recording store, answering what the real one answers (a CommitResult per params,
// in order, or an error for the whole statement).
interface OpenCall {
  kind: 'one' | 'batch';
  ids: string[];
  settle: (answer: unknown) => void;
  fail: (error: unknown) => void;
}

function recordingStore(options: { batches?: boolean } = {}) {
  const calls: OpenCall[] = [];
  const open = <T>(kind: OpenCall['kind'], ids: string[]) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ kind, ids, settle: (answer) => resolve(answer as T), fail: reject });
    });
  const store: Pick<EngineStore, 'commitTransition' | 'commitTransitions'> = {
    commitTransition: (params) => open<CommitResult>('one', [params.workflow_id]),
  };
  if (options.batches !== false) store.commitTransitions = (params) => open<CommitResult[]>('batch', params.map((p) => p.workflow_id));
  return { store: store as EngineStore, calls };
}

const params = (workflowId: string): CommitTransitionParams => ({ workflow_id: workflowId, expected_version: 1 }) as CommitTransitionParams;
const ok = (version: number): CommitResult => ({ ok: true, version, tasks: [] });
// Lets the batcher's promise callbacks (finally, the next flush) run before the test looks at the calls.
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe(CommitBatcher.name, () => {
  it('sends a commit at once and alone when nothing is in flight', async () => {
    const { store, calls } = recordingStore();
    const result = new CommitBatcher(store).commit(params('w1'));
    expect(calls.map(({ kind, ids }) => ({ kind, ids }))).toEqual([{ kind: 'one', ids: ['w1'] }]);
    calls[0]!.settle(ok(2));
    await expect(result).resolves.toEqual(ok(2));
  });

  it('goes straight to commitTransition when the store has no group commit', async () => {
    const { store, calls } = recordingStore({ batches: false });
    const batcher = new CommitBatcher(store, { maxInFlight: 1 });
    const results = ['w1', 'w2', 'w3'].map((id) => batcher.commit(params(id)));
    // Nothing waits for an earlier commit: without commitTransitions there is no batch to gather them into.
    expect(calls.map(({ kind, ids }) => ({ kind, ids }))).toEqual([
      { kind: 'one', ids: ['w1'] },
      { kind: 'one', ids: ['w2'] },
      { kind: 'one', ids: ['w3'] },
    ]);
    calls.forEach((call, i) => call.settle(ok(i + 10)));
    await expect(Promise.all(results)).resolves.toEqual([ok(10), ok(11), ok(12)]);
  });

  it('gathers the commits that arrive while the in-flight limit is reached into one batch, in workflow id order', async () => {
    const { store, calls } = recordingStore();
    const batcher = new CommitBatcher(store, { maxInFlight: 1 });
    const first = batcher.commit(params('w5'));
    const later = ['w3', 'w9', 'w1'].map((id) => batcher.commit(params(id)));
    expect(calls).toHaveLength(1);

    calls[0]!.settle(ok(2));
    await expect(first).resolves.toEqual(ok(2));
    await settled();
    expect(calls.map(({ kind, ids }) => ({ kind, ids }))).toEqual([
      { kind: 'one', ids: ['w5'] },
      { kind: 'batch', ids: ['w1', 'w3', 'w9'] },
    ]);
    // The store answers in the order it was sent (sorted); each caller gets the answer for its own workflow.
    calls[1]!.settle([ok(101), ok(103), ok(109)]);
    await expect(Promise.all(later)).resolves.toEqual([ok(103), ok(109), ok(101)]);
  });

  it('keeps two sends in flight by default, so the third commit waits for one of them', async () => {
    const { store, calls } = recordingStore();
    const batcher = new CommitBatcher(store);
    const results = ['w1', 'w2', 'w3', 'w4'].map((id) => batcher.commit(params(id)));
    expect(calls.map(({ ids }) => ids)).toEqual([['w1'], ['w2']]);

    calls[1]!.settle(ok(2));
    await settled();
    expect(calls.map(({ kind, ids }) => ({ kind, ids })).slice(2)).toEqual([{ kind: 'batch', ids: ['w3', 'w4'] }]);
    calls[0]!.settle(ok(1));
    calls[2]!.settle([ok(3), ok(4)]);
    await expect(Promise.all(results)).resolves.toEqual([ok(1), ok(2), ok(3), ok(4)]);
  });

  it('cuts the waiting commits into batches of at most maxBatch', async () => {
    const { store, calls } = recordingStore();
    const batcher = new CommitBatcher(store, { maxInFlight: 1, maxBatch: 2 });
    const results = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map((id) => batcher.commit(params(id)));
    calls[0]!.settle(ok(1));
    await settled();
    expect(calls.map(({ ids }) => ids)).toEqual([['w1'], ['w2', 'w3']]);
    calls[1]!.settle([ok(2), ok(3)]);
    await settled();
    expect(calls.map(({ ids }) => ids)).toEqual([['w1'], ['w2', 'w3'], ['w4', 'w5']]);
    calls[2]!.settle([ok(4), ok(5)]);
    await settled();
    // The last one left waiting is a batch of one: sent as a single commit.
    expect(calls.map(({ kind, ids }) => ({ kind, ids }))[3]).toEqual({ kind: 'one', ids: ['w6'] });
    calls[3]!.settle(ok(6));
    await expect(Promise.all(results)).resolves.toEqual([1, 2, 3, 4, 5, 6].map(ok));
  });

  it('treats limits below one as one', async () => {
    const { store, calls } = recordingStore();
    const batcher = new CommitBatcher(store, { maxInFlight: 0, maxBatch: 0 });
    const results = ['w1', 'w2', 'w3'].map((id) => batcher.commit(params(id)));
    expect(calls.map(({ ids }) => ids)).toEqual([['w1']]);
    calls[0]!.settle(ok(1));
    await settled();
    expect(calls.map(({ kind, ids }) => ({ kind, ids }))).toEqual([
      { kind: 'one', ids: ['w1'] },
      { kind: 'one', ids: ['w2'] },
    ]);
    calls[1]!.settle(ok(2));
    await settled();
    calls[2]!.settle(ok(3));
    await expect(Promise.all(results)).resolves.toEqual([ok(1), ok(2), ok(3)]);
  });

  it('sends each commit of a failed batch again alone, so one bad commit fails only its own caller', async () => {
    const { store, calls } = recordingStore();
    const batcher = new CommitBatcher(store, { maxInFlight: 1 });
    const first = batcher.commit(params('w0'));
    const good = batcher.commit(params('w1'));
    const bad = batcher.commit(params('w2'));
    calls[0]!.settle(ok(1));
    await first;
    await settled();
    calls[1]!.fail(new Error('check constraint violated'));
    await settled();
    expect(calls.map(({ kind, ids }) => ({ kind, ids })).slice(2)).toEqual([
      { kind: 'one', ids: ['w1'] },
      { kind: 'one', ids: ['w2'] },
    ]);
    calls[2]!.settle(ok(7));
    calls[3]!.fail(new Error('check constraint violated on w2'));
    await expect(good).resolves.toEqual(ok(7));
    await expect(bad).rejects.toThrow('check constraint violated on w2');
  });

  it('rejects a single commit with the store error and goes on with the next ones', async () => {
    const { store, calls } = recordingStore();
    const batcher = new CommitBatcher(store, { maxInFlight: 1 });
    const failing = batcher.commit(params('w1'));
    const next = batcher.commit(params('w2'));
    calls[0]!.fail(new Error('connection reset'));
    await expect(failing).rejects.toThrow('connection reset');
    await settled();
    expect(calls.map(({ ids }) => ids)).toEqual([['w1'], ['w2']]);
    calls[1]!.settle(ok(3));
    await expect(next).resolves.toEqual(ok(3));
  });
});
