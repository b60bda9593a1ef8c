// Stand-in Document Processor and Transaction Analyzer for the bench, run as a child process so their CPU is
// not charged to any contender. Answers the contract with a fixed 5-transaction extraction and its analysis,
// after `latencyMs`, or 503 + Retry-After (mode 'park'). Records, per request, its key (user_id), arrival and
// the moment the answer was written, so the parent can measure the gaps between steps.
import { analysisResultSchema } from '@cashflow/categorizer';
import { documentResultSchema } from '@cashflow/statement-parser';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();

const TRANSACTIONS = [
  { id: 'tx-1', date: '2024-03-01', amount: '2500.00', currency: 'EUR', label: 'VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE', raw: { line: 1 } },
  { id: 'tx-2', date: '2024-03-02', amount: '-54.37', currency: 'EUR', label: 'CB CARREFOUR 02/03', raw: { line: 2 } },
  { id: 'tx-3', date: '2024-03-05', amount: '-0.10', currency: 'EUR', label: 'FRAIS TENUE COMPTE', raw: { line: 3 } },
  { id: 'tx-4', date: '2024-03-09', amount: '-820.00', currency: 'EUR', label: 'PRLV SEPA LOYER MARS', raw: { line: 4 } },
  { id: 'tx-5', date: '2024-03-15', amount: '-31.90', currency: 'EUR', label: 'CB SNCF VOYAGES', raw: { line: 5 } },
];
const CATEGORIES = { 'tx-1': 'income', 'tx-2': 'groceries', 'tx-3': 'fees', 'tx-4': 'housing', 'tx-5': 'transport' };

export const EXTRACTION = {
  account: { id: 'FR7630001007941234567890185' },
  period: { start: '2024-03-01', end: '2024-03-31' },
  currency: 'EUR',
  transactions: TRANSACTIONS,
};
export const ANALYSIS = {
  transactions: TRANSACTIONS.map((t) => ({ id: t.id, category: CATEGORIES[t.id], confidence: 0.9 })),
  summary: {
    income: '2500.00',
    expenses: '-906.37',
    net: '1593.63',
    by_category: { income: '2500.00', groceries: '-54.37', fees: '-0.10', housing: '-820.00', transport: '-31.90' },
    by_month: { '2024-03': { income: '2500.00', expenses: '-906.37', net: '1593.63' } },
  },
};
// The bench runs after `npm run build`: the stand-in's answers are checked once against the real services' schemas.
for (const [name, schema, body] of [['extraction', documentResultSchema, EXTRACTION], ['analysis', analysisResultSchema, ANALYSIS]]) {
  const checked = schema.safeParse(body);
  if (!checked.success) throw new Error(`bench stand-in ${name} breaks the contract: ${checked.error.message}`);
}
const EXTRACTION_BODY = JSON.stringify(EXTRACTION);
const ANALYSIS_BODY = JSON.stringify(ANALYSIS);
const PARK_BODY = JSON.stringify({ title: 'bench: come back later', status: 503 });

let latencyMs = 0;
let mode = 'ok';
let records = [];
let requests = 0;

function handler(service, path, okBody) {
  return (req, res) => {
    const arrived = now();
    requests++;
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== path) {
        res.writeHead(404, { 'Content-Type': 'application/problem+json' });
        res.end('{"title":"Not found"}');
        return;
      }
      let key = '';
      try {
        key = String(JSON.parse(Buffer.concat(chunks).toString('utf8')).user_id);
      } catch {
        key = '?';
      }
      const answer = () => {
        if (res.destroyed) return;
        if (mode === 'park') {
          res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '3600' });
          res.end(PARK_BODY);
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(okBody);
        }
        records.push([service, key, arrived, now()]);
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

const processor = await listen(handler('processor', '/documents/process', EXTRACTION_BODY));
const analyzer = await listen(handler('analyzer', '/transactions/analyze', ANALYSIS_BODY));

process.on('message', (msg) => {
  switch (msg.t) {
    case 'config':
      latencyMs = msg.latencyMs ?? latencyMs;
      mode = msg.mode ?? mode;
      process.send({ t: 'config', ok: true });
      break;
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
