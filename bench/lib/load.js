// The load generator, the same for every contender: keeps `concurrency` workflows in flight by sending
// `POST /workflow/start` `{ user_id, document_path }` to the contender's ingress (ours: its API; the peers: the
// handler of bench/lib/ingress.js), users spread over `users` ids, and refills as workflows finish. How it learns
// that one finished depends on where the contender keeps its state (watchers below); the latency it records is,
// per workflow, the moment of the completing commit minus the moment its start request was sent.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const now = () => performance.timeOrigin + performance.now();
export const POLL_MS = 5;

function postJson(agent, url, body, headers) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
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

/**
 * Runs n workflows, `concurrency` at a time, through `watcher` ({ add(id), start(done), stop() }, calling
 * done(id, tEnd, state)). With maxSeconds, stops starting new ones after that long (once minN have started) and
 * lets those in flight end, so a slow contender gets fewer workflows, not more time. Returns [id, t0, tEnd, state] per workflow.
 */
export async function drive({ url, n, concurrency, keyPrefix, users = 1000, headers = {}, watcher, maxSeconds = Infinity, minN = 0, timeoutMs = 300_000 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const inflight = new Map(); // id -> t0
  const early = new Map(); // completions seen before the start's answer was read
  const results = [];
  let started = 0;
  let pending = 0;
  let errors = 0;
  let lastError = null;
  let wake = null;
  const tStart = now();

  const finish = (id, tEnd, state, error) => {
    const t0 = inflight.get(id);
    if (t0 === undefined) return void early.set(id, [tEnd, state, error]);
    inflight.delete(id);
    if (state !== 'completed' && state !== 'parked') {
      errors++;
      lastError = `workflow ${id} ended ${state}${error ? `: ${error}` : ''}`;
    }
    results.push([id, t0, tEnd, state]);
    wake?.();
  };
  watcher.start(finish);

  const stopAt = Date.now() + maxSeconds * 1000;
  const launch = () => {
    while (started < n && (Date.now() < stopAt || started < minN) && inflight.size + pending < concurrency) {
      const i = started++;
      pending++;
      const t0 = now();
      const body = { user_id: `bench-user-${String(i % users).padStart(4, '0')}`, document_path: `bench/${keyPrefix}-${i}.csv` };
      postJson(agent, `${url}/workflow/start`, body, headers).then(
        ({ id }) => {
          pending--;
          inflight.set(id, t0);
          watcher.add(id);
          if (early.has(id)) finish(id, ...early.get(id));
          early.delete(id);
        },
        (error) => {
          pending--;
          errors++;
          lastError = String(error);
          results.push([`start-failed-${i}`, t0, now(), 'start_failed']);
          wake?.();
        },
      );
    }
  };

  const deadline = Date.now() + timeoutMs;
  launch();
  while (results.length < started || (started < n && (Date.now() < stopAt || started < minN))) {
    if (Date.now() > deadline) {
      lastError = `timed out after ${timeoutMs} ms with ${results.length}/${started} finished`;
      break;
    }
    await new Promise((resolve) => {
      wake = resolve;
      setTimeout(resolve, 100).unref();
    });
    wake = null;
    launch();
  }
  watcher.stop();
  agent.destroy();
  return { results, errors, lastError, tStart, tEnd: now() };
}

/** A connection to the contender's database used only to observe completions (its statements are counted). */
export async function openObserver(connectionString) {
  const client = new pg.Client({ connectionString, application_name: 'cf-bench-observer' });
  await client.connect();
  const { rows } = await client.query('select pg_backend_pid() as pid');
  return { client, pid: rows[0].pid, queries: 1 };
}

const DONE_SQL = `select id::text as id, state, (extract(epoch from updated_at) * 1000)::float8 as t
                    from workflows where id = any($1::uuid[]) and state in ('completed', 'failed', 'cancelled')`;
// Parked: waiting for a retry due in more than 30 minutes (the stand-ins answered 503 + Retry-After: 3600).
const PARKED_SQL = `select distinct w.id::text as id, 'parked' as state, (extract(epoch from w.updated_at) * 1000)::float8 as t
                      from workflows w join workflow_timers t on t.workflow_id = w.id
                     where w.id = any($1::uuid[]) and t.due_at > now() + interval '30 minutes'`;

/**
 * ours on PostgreSQL: polls the in-flight ids every POLL_MS on the observer's own connection (a primary-key lookup
 * of at most `concurrency` rows; the orchestrator does no work for it). Completion time: the completing commit's
 * updated_at. until 'parked': a retry wait of more than 30 minutes instead.
 */
export function dbWatcher(observer, until = 'completed') {
  const ids = new Set();
  let running = false;
  return {
    add: (id) => ids.add(id),
    start(done) {
      running = true;
      void (async () => {
        while (running) {
          await sleep(POLL_MS);
          if (!ids.size || !running) continue;
          const { rows } = await observer.client.query(until === 'parked' ? PARKED_SQL : DONE_SQL, [[...ids]]);
          observer.queries++;
          for (const row of rows) {
            ids.delete(row.id);
            done(row.id, until === 'parked' ? now() : row.t, row.state);
          }
        }
      })();
    },
    stop: () => {
      running = false;
    },
  };
}

/** The peers: their worker process reports each completion over IPC (bench/lib/ingress.js reportCompletion). */
export function ipcWatcher(child) {
  return {
    add: () => undefined,
    start: (done) => child.on('completed', (msg) => msg.items.forEach(([id, tEnd, state, error]) => done(id, tEnd, state, error))),
    stop: () => child.off('completed'),
  };
}

/**
 * ours on PGlite (the database is inside the orchestrator, nothing can watch it from outside): once the stand-in
 * Transaction Analyzer reports it answered a workflow, `GET /workflow/{id}` every 2 ms until it has ended, as a
 * client fetching its result would (about one or two GETs per workflow: the storing step is all that is left).
 * until 'parked': GET every 50 ms until the workflow waits for a retry.
 */
export function httpWatcher({ url, headers, downstreams, until = 'completed' }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const ids = new Set();
  const analyzed = new Set(); // answered before the start's answer was read
  let running = false;
  let done = null;
  const get = (id) => new Promise((resolve, reject) => {
    http.get(`${url}/workflow/${id}`, { agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`GET answered ${res.statusCode}`))));
    }).on('error', reject);
  });
  const follow = async (id) => {
    while (running && ids.has(id)) {
      const wf = await get(id).catch(() => null);
      if (wf && (['completed', 'failed', 'cancelled'].includes(wf.state) || (until === 'parked' && wf.next_retry_at))) {
        ids.delete(id);
        done(id, until === 'parked' ? now() : Date.parse(wf.updated_at), until === 'parked' ? 'parked' : wf.state);
        return;
      }
      await sleep(until === 'parked' ? 50 : 2);
    }
  };
  return {
    add: (id) => {
      ids.add(id);
      if (until === 'parked' || analyzed.delete(id)) void follow(id);
    },
    start(fn) {
      done = fn;
      running = true;
      downstreams.on('analyzed', (msg) => msg.ids.forEach((id) => (ids.has(id) ? void follow(id) : analyzed.add(id))));
    },
    stop() {
      running = false;
      downstreams.off('analyzed');
      agent.destroy();
    },
  };
}
