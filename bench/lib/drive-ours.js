// Load generator for the orchestrator: keeps `concurrency` workflows in flight through POST /workflow/start and
// sees each one finish by polling the database every POLL_MS for the in-flight ids (a primary-key lookup of at
// most `concurrency` rows; the orchestrator is not involved, so observing costs it nothing). A workflow's
// end-to-end latency is its completing commit (workflows.updated_at, written by that commit) minus the moment
// its start request was sent; both clocks are this machine's wall clock.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const now = () => performance.timeOrigin + performance.now();
export const POLL_MS = 5;

const DONE_SQL = `select id::text as id, state, (extract(epoch from updated_at) * 1000)::float8 as t
                    from workflows where id = any($1::uuid[]) and state in ('completed', 'failed', 'cancelled')`;
// Parked: waiting for a retry due in more than 30 minutes (the stand-ins answered 503 + Retry-After: 3600).
const PARKED_SQL = `select w.id::text as id, w.state, (extract(epoch from w.updated_at) * 1000)::float8 as t
                      from workflows w join workflow_timers t on t.workflow_id = w.id
                     where w.id = any($1::uuid[]) and t.due_at > now() + interval '30 minutes'`;

function postJson(agent, url, body) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 201) return reject(new Error(`start answered ${res.statusCode}: ${text.slice(0, 300)}`));
        resolve(JSON.parse(text));
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error('start request timed out')));
    req.on('error', reject);
    req.end(data);
  });
}

/** A connection to the contender's database used only to observe completions (its statements are counted). */
export async function openObserver(connectionString) {
  const client = new pg.Client({ connectionString, application_name: 'cf-bench-observer' });
  await client.connect();
  const { rows } = await client.query('select pg_backend_pid() as pid');
  return { client, pid: rows[0].pid, queries: 1 };
}

/**
 * Runs n workflows, `concurrency` at a time. until: 'completed' (default) or 'parked'.
 * Returns per-workflow [key, t0, tEnd, state] and the wall-clock window.
 */
export async function driveOurs({ url, observer, n, concurrency, keyPrefix, until = 'completed', timeoutMs = 300_000 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const sql = until === 'parked' ? PARKED_SQL : DONE_SQL;
  const inflight = new Map(); // id -> { key, t0 }
  const results = [];
  let started = 0;
  let pending = 0; // start requests not answered yet
  let errors = 0;
  let lastError = null;
  const tStart = now();
  const deadline = Date.now() + timeoutMs;

  const launch = () => {
    while (started < n && inflight.size + pending < concurrency) {
      const key = `${keyPrefix}-${started++}`;
      pending++;
      const t0 = now();
      postJson(agent, `${url}/workflow/start`, { user_id: key, document_path: `bench/${key}.csv` }).then(
        (wf) => {
          pending--;
          inflight.set(wf.id, { key, t0 });
        },
        (error) => {
          pending--;
          errors++;
          lastError = String(error);
          results.push([key, t0, now(), 'start_failed']);
        },
      );
    }
  };

  launch();
  while (results.length < n) {
    if (Date.now() > deadline) {
      lastError = `timed out after ${timeoutMs} ms with ${results.length}/${n} finished`;
      break;
    }
    await sleep(POLL_MS);
    if (inflight.size) {
      const { rows } = await observer.client.query(sql, [[...inflight.keys()]]);
      observer.queries++;
      for (const row of rows) {
        const entry = inflight.get(row.id);
        if (!entry) continue;
        inflight.delete(row.id);
        if (row.state !== 'completed' && until === 'completed') {
          errors++;
          lastError = `workflow ${row.id} ended ${row.state}`;
        }
        results.push([entry.key, entry.t0, row.t, row.state, row.id]);
      }
    }
    launch();
  }
  agent.destroy();
  return { results, errors, lastError, tStart, tEnd: now() };
}
