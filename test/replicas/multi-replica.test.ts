import { OrchestratorApi } from '../support/api-client.js';
import { startService, type ServiceProcess } from '../support/orchestrator-process.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres-database.js';
import { SAMPLE_TRANSACTIONS, ScriptedDownstreams, type RecordedCall } from '../support/scripted-downstreams.js';
import { waitFor } from '../support/wait-for.js';

const WORKFLOWS = 300;
const MAX_ATTEMPTS = 6;
const permanentlyBad = (i: number) => i % 25 === 0;

describe('three replicas on one PostgreSQL database, one SIGKILLed and one stopped gracefully mid-run (downstream stand-ins with random latency and failures)', () => {
  const downstreams = new ScriptedDownstreams({ latencyMs: [5, 60], transientFailureRate: 0.05 });
  let db: ScratchDatabase;
  const replicas: ServiceProcess[] = [];

  beforeAll(async () => {
    await downstreams.start();
    db = await createScratchDatabase('cf_replicas');
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await downstreams.stop();
    await db?.drop();
  });

  async function finished(): Promise<number> {
    const { rows } = await db.client.query(`select count(*)::int as n from workflows where state in ('completed', 'failed', 'cancelled')`);
    return rows[0].n;
  }

  it('finishes every workflow once, with no step run by two replicas at the same time and no duplicate rows', async () => {
    for (const name of ['r1', 'r2', 'r3']) {
      replicas.push(
        await startService('orchestrator', {
          DATABASE_URL: db.url,
          REPLICA_ID: name,
          DOCUMENT_PROCESSOR_URL: downstreams.processorUrl,
          TRANSACTION_ANALYZER_URL: downstreams.analyzerUrl,
          LEASE_MS: '1500',
          POLL_INTERVAL_MS: '200',
          RETRY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
          RETRY_INITIAL_DELAY_MS: '100',
          RETRY_MAX_DELAY_MS: '400',
          RETRY_JITTER: '0.5',
          STEP_TIMEOUT_MS: '10000',
        }),
      );
    }
    const [r1, r2, r3] = replicas as [ServiceProcess, ServiceProcess, ServiceProcess];
    const apis = replicas.map((r) => new OrchestratorApi(r.url));

    for (let i = 0; i < WORKFLOWS; i++) {
      // A bad document stays bad: every call answers 422, even one replayed after a crash.
      const refusal = { kind: 'status' as const, status: 422, body: { detail: `doc-${i} is not a statement` } };
      if (permanentlyBad(i)) downstreams.script(`processor:load/doc-${i}.ofx`, ...Array(10).fill(refusal));
    }
    const ids: string[] = [];
    for (let batch = 0; batch < WORKFLOWS; batch += 30) {
      const started = await Promise.all(
        Array.from({ length: Math.min(30, WORKFLOWS - batch) }, (_, k) => batch + k).map((i) => apis[i % 3]!.start(`user-${i}`, `load/doc-${i}.ofx`)),
      );
      ids.push(...started.map((w) => w.id));
    }

    await waitFor(async () => (await finished()) >= 60, '60 finished workflows', 60_000);
    const killedAt = Date.now();
    await r1.kill();
    await waitFor(async () => (await finished()) >= 150, '150 finished workflows', 60_000);
    await r2.stop();
    await waitFor(async () => (await finished()) === WORKFLOWS, 'every workflow to finish', 120_000, 250);

    // Every workflow ended completed, or failed for the reason it was given.
    const { rows: workflows } = await db.client.query(`select id, user_id, state, error from workflows`);
    expect(workflows).toHaveLength(WORKFLOWS);
    for (const wf of workflows) {
      const i = Number(wf.user_id.slice('user-'.length));
      if (permanentlyBad(i)) {
        expect({ i, state: wf.state, code: wf.error?.code, kind: wf.error?.kind }).toEqual({ i, state: 'failed', code: 'HTTP_422', kind: 'permanent' });
      } else if (wf.state !== 'completed') {
        expect({ i, state: wf.state, code: wf.error?.code, attempt: wf.error?.attempt }).toEqual({ i, state: 'failed', code: 'HTTP_503', attempt: MAX_ATTEMPTS });
      }
    }

    // No step ran on two replicas at once: calls for one attempt from different replicas never overlap in time,
    // beyond the stand-ins' own clock error (their event loop's longest delay in recording a call's end).
    const tolerance = Math.ceil(downstreams.maxLoopDelayMs);
    console.info(`stand-in loop delay (overlap tolerance): ${tolerance} ms`);
    const byAttempt = new Map<string, RecordedCall[]>();
    for (const call of downstreams.calls) byAttempt.set(call.idempotencyKey!, [...(byAttempt.get(call.idempotencyKey!) ?? []), call]);
    let takenOver = 0;
    for (const [key, calls] of byAttempt) {
      const replicasSeen = new Set(calls.map((c) => c.replica));
      if (replicasSeen.size > 1) takenOver++;
      const sorted = [...calls].sort((a, b) => a.at - b.at);
      for (let k = 1; k < sorted.length; k++) {
        if (sorted[k]!.replica !== sorted[k - 1]!.replica) {
          const overlapMs = Math.max(0, sorted[k - 1]!.endedAt! - sorted[k]!.at);
          expect({ key, overlapMs, within: overlapMs <= tolerance }).toEqual({ key, overlapMs, within: true });
        }
      }
    }
    // The crash and the graceful stop really handed running steps over to another replica.
    expect(takenOver).toBeGreaterThan(0);
    const { rows: resumed } = await db.client.query(`select count(*)::int as n from workflow_tasks where runs > 1`);
    expect(resumed[0].n).toBeGreaterThan(0);
    const { rows: afterKill } = await db.client.query(
      `select distinct replica from workflow_events where created_at > to_timestamp($1 / 1000.0) + interval '2 seconds'`,
      [killedAt],
    );
    expect(afterKill.map((r) => r.replica)).not.toContain('r1');

    // Each step succeeded once per workflow, and the history is gap-free.
    const { rows: dupSteps } = await db.client.query(
      `select workflow_id, detail->>'step' as step, count(*) from workflow_events where type = 'step_succeeded' group by 1, 2 having count(*) > 1`,
    );
    expect(dupSteps).toEqual([]);
    const { rows: gaps } = await db.client.query(
      `select workflow_id from workflow_events group by workflow_id having max(seq) <> count(*)`,
    );
    expect(gaps).toEqual([]);

    // No transaction row duplicated or lost: exactly the extracted transactions of each completed workflow.
    const completed = workflows.filter((w) => w.state === 'completed').length;
    const { rows: counts } = await db.client.query(
      `select count(*)::int as rows, count(distinct (workflow_id, transaction_id))::int as distinct_rows from transactions`,
    );
    expect(counts[0]).toEqual({ rows: completed * SAMPLE_TRANSACTIONS.length, distinct_rows: completed * SAMPLE_TRANSACTIONS.length });
    expect(ids).toHaveLength(WORKFLOWS);
    expect(r3.child.exitCode).toBeNull();
  });
});
