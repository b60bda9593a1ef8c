// The peers' ingress: a minimal node:http handler for `POST /workflow/start` `{ user_id, document_path }`, as
// the orchestrator's API takes it, that starts the work with the contender's own call (a bare async run,
// `boss.send()`, `DBOS.startWorkflow`) and answers 201 `{ id }` once that call returns. Completions go back to
// the bench over IPC, gathered per event-loop turn (one message for all the workflows finished in that turn).
import { createServer } from 'node:http';
import { setImmediate } from 'node:timers';
import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();

/** start({ userId, documentPath }) -> Promise<{ id }>. Resolves to the listening port. */
export function serveStarts(start) {
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      if (req.method !== 'POST' || req.url !== '/workflow/start') {
        res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"title":"Not found","status":404}');
        return;
      }
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = null;
      }
      if (typeof body?.user_id !== 'string' || typeof body?.document_path !== 'string') {
        res.writeHead(400, { 'content-type': 'application/problem+json' }).end('{"title":"user_id and document_path are required","status":400}');
        return;
      }
      try {
        const { id } = await start({ userId: body.user_id, documentPath: body.document_path });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id, state: 'received' }));
      } catch (error) {
        res.writeHead(503, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title: String(error?.message ?? error), status: 503 }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

let batch = [];
function flush() {
  if (batch.length && process.connected) process.send({ t: 'completed', items: batch });
  batch = [];
}

/** Reports a finished workflow: [id, completed at (ms, wall clock), state, error?]. */
export function reportCompletion(id, state = 'completed', error) {
  if (!batch.length) setImmediate(flush);
  batch.push([id, now(), state, error === undefined ? undefined : String(error?.message ?? error)]);
}
