// Stand-in Document Processor and Transaction Analyzer for the bench (third-party services in production), run
// as a child process so their CPU is not charged to any contender. They answer the contract with a statement of
// `size` transactions (bench/lib/statement.js: built once per size, then served from memory) after `latencyMs`,
// or 503 + Retry-After (mode 'park'). Per request they record the workflow it serves (the id in the
// `Idempotency-Key: <workflow id>:<step>:<attempt>` every contender sends), its arrival and the moment the answer
// was written, so the parent can measure the gaps between steps. With `notify`, each analysis answered is also
// reported to the parent (the embedded orchestrator's load generator then fetches that workflow's state).
import { createServer } from 'node:http';
import { setImmediate } from 'node:timers';
import { performance } from 'node:perf_hooks';
import { analysis, extraction } from './statement.js';

const now = () => performance.timeOrigin + performance.now();

const PARK_BODY = JSON.stringify({ title: 'bench: come back later', status: 503 });
const bodies = new Map(); // size -> { extraction, analysis } as JSON text

async function bodiesFor(size) {
  if (!bodies.has(size)) {
    const doc = extraction(size);
    bodies.set(size, { processor: JSON.stringify(doc), analyzer: JSON.stringify(await analysis(doc)) });
  }
  return bodies.get(size);
}

let latencyMs = 0;
let mode = 'ok';
let notify = false;
let current = await bodiesFor(5);
let records = [];
let requests = 0;
let pendingNotes = [];

function flushNotes() {
  if (pendingNotes.length) process.send({ t: 'analyzed', ids: pendingNotes });
  pendingNotes = [];
}

function handler(service, path) {
  return (req, res) => {
    const arrived = now();
    requests++;
    const header = req.headers['idempotency-key'];
    const key = typeof header === 'string' && header.includes(':') ? header.slice(0, header.indexOf(':')) : '?';
    req.resume(); // the body is not needed: the answer for this size is fixed
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== path) {
        res.writeHead(404, { 'Content-Type': 'application/problem+json' });
        res.end('{"title":"Not found"}');
        return;
      }
      const answer = () => {
        if (res.destroyed) return;
        if (mode === 'park') {
          res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '3600' });
          res.end(PARK_BODY);
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(current[service]);
        }
        records.push([service, key, arrived, now()]);
        if (notify && service === 'analyzer' && mode === 'ok') {
          if (!pendingNotes.length) setImmediate(flushNotes);
          pendingNotes.push(key);
        }
      };
      if (latencyMs > 0) setTimeout(answer, latencyMs);
      else answer();
    });
  };
}

function listen(h) {
  const server = createServer({ keepAliveTimeout: 60_000 }, h);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const processor = await listen(handler('processor', '/documents/process'));
const analyzer = await listen(handler('analyzer', '/transactions/analyze'));

process.on('message', async (msg) => {
  switch (msg.t) {
    case 'config': {
      latencyMs = msg.latencyMs ?? latencyMs;
      mode = msg.mode ?? mode;
      notify = msg.notify ?? notify;
      if (msg.size !== undefined) current = await bodiesFor(msg.size);
      process.send({ t: 'config', ok: true, bytes: { extraction: current.processor.length, analysis: current.analyzer.length } });
      break;
    }
    case 'drain':
      process.send({ t: 'drain', records, requests });
      records = [];
      requests = 0;
      break;
    case 'exit':
      processor.closeAllConnections();
      analyzer.closeAllConnections();
      processor.close();
      analyzer.close();
      process.exit(0);
  }
});
process.send({
  t: 'ready',
  processorUrl: `http://127.0.0.1:${processor.address().port}`,
  analyzerUrl: `http://127.0.0.1:${analyzer.address().port}`,
});
// Never outlive the bench.
process.on('disconnect', () => process.exit(0));
