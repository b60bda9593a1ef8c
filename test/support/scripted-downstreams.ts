import { monitorEventLoopDelay } from 'node:perf_hooks';
import { analysisResultSchema, analyzeTransactions, type AnalysisTransactionInput } from '@cashflow/categorizer';
import { documentResultSchema } from '@cashflow/statement-parser';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { z } from 'zod';

/**
 * Fault-injecting stand-ins for the Document Processor and Transaction Analyzer: real HTTP on loopback, each
 * call answered by the next behaviour scripted for its key (document_path, or user_id for the analyzer).
 * The reference services cannot be told to fail on demand; these can. A success is checked against the schema
 * of the real service's answer (libs/statement-parser, libs/categorizer) before it is sent, and the analyzer's
 * is the real categorizer's, so a stand-in cannot answer what the real service never would; only
 * `breaks-contract` sends a body on purpose that the real service never would.
 */
export type Behaviour =
  | { kind: 'ok'; delayMs?: number }
  | { kind: 'status'; status: number; body?: unknown; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'breaks-contract'; body: unknown };

export interface RecordedCall {
  service: 'processor' | 'analyzer';
  key: string;
  idempotencyKey: string | undefined;
  at: number;
  /** The client went away before an answer (timeout or cancellation). */
  aborted: boolean;
  replica: string | undefined;
  /** When the answer was sent or the connection closed. */
  endedAt?: number;
}

export const SAMPLE_TRANSACTIONS = [
  { id: 'tx-1', date: '2024-03-01', amount: '2500.00', currency: 'EUR', label: 'VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE', raw: {} },
  { id: 'tx-2', date: '2024-03-02', amount: '-54.37', currency: 'EUR', label: 'CB CARREFOUR 02/03', raw: {} },
  { id: 'tx-3', date: '2024-03-05', amount: '-0.10', currency: 'EUR', label: 'FRAIS TENUE COMPTE', raw: {} },
];

function extraction() {
  return {
    format: 'ofx',
    account: { id: 'FR7630001007941234567890185' },
    period: { start: '2024-03-01', end: '2024-03-31' },
    currency: 'EUR',
    transactions: SAMPLE_TRANSACTIONS,
    warnings: [],
  };
}

function analysis(userId: string, transactions: AnalysisTransactionInput[]) {
  return analyzeTransactions({ user_id: userId, transactions });
}

class StandInContractError extends Error {}

/** The stand-in's own answer must be one the real service could give; a test that breaks it fails loudly. */
function checked(schema: z.ZodType, service: string, body: unknown): unknown {
  const result = schema.safeParse(JSON.parse(JSON.stringify(body)));
  if (!result.success) throw new StandInContractError(`the ${service} stand-in's answer breaks the contract: ${result.error.message}`);
  return body;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export interface UnscriptedBehaviour {
  /** Each unscripted call answers after a delay drawn from [min, max] ms. */
  latencyMs?: [number, number];
  /** Share of unscripted calls answered 503 instead. */
  transientFailureRate?: number;
}

export class ScriptedDownstreams {
  readonly calls: RecordedCall[] = [];
  // The stand-ins share this process's event loop (and run the real categorizer on it): a call's `close` is
  // recorded only when the loop gets to it, so the times they record are late by up to this much.
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 1 });
  constructor(private readonly unscripted: UnscriptedBehaviour = {}) {}

  /** The longest the stand-ins' event loop was held so far (ms): the error bar of their recorded times. */
  get maxLoopDelayMs(): number {
    return this.loopDelay.max / 1e6;
  }

  private readonly scripts = new Map<string, Behaviour[]>();
  private servers: Server[] = [];
  processorUrl = '';
  analyzerUrl = '';

  /** Behaviours for the next calls with this key, in order; once used up, calls succeed. */
  script(key: string, ...behaviours: Behaviour[]): void {
    this.scripts.set(key, behaviours);
  }

  callsFor(key: string, service?: RecordedCall['service']): RecordedCall[] {
    return this.calls.filter((c) => c.key === key && (!service || c.service === service));
  }

  async start(): Promise<void> {
    this.loopDelay.enable();
    const processor = await this.listen(async (req, res) => {
      if (req.method !== 'POST' || req.url !== '/documents/process') return this.send(res, 404, { title: 'Not found' });
      const body = await readJson(req);
      return this.respond('processor', String(body.document_path), req, res, () => checked(documentResultSchema, 'processor', extraction()));
    });
    const analyzer = await this.listen(async (req, res) => {
      if (req.method !== 'POST' || req.url !== '/transactions/analyze') return this.send(res, 404, { title: 'Not found' });
      const body = await readJson(req);
      return this.respond('analyzer', String(body.user_id), req, res, () =>
        checked(analysisResultSchema, 'analyzer', analysis(String(body.user_id), body.transactions as AnalysisTransactionInput[])),
      );
    });
    this.processorUrl = processor;
    this.analyzerUrl = analyzer;
  }

  async stop(): Promise<void> {
    this.loopDelay.disable();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); })));
  }

  private async respond(service: RecordedCall['service'], key: string, req: IncomingMessage, res: ServerResponse, ok: () => unknown): Promise<void> {
    const call: RecordedCall = {
      service,
      key,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      replica: req.headers['x-cashflow-replica'] as string | undefined,
      at: Date.now(),
      aborted: false,
    };
    this.calls.push(call);
    res.on('close', () => {
      call.endedAt = Date.now();
      if (!res.writableFinished) call.aborted = true;
    });
    const behaviour = this.scripts.get(`${service}:${key}`)?.shift() ?? this.unscriptedBehaviour();
    switch (behaviour.kind) {
      case 'hang':
        return;
      case 'status':
        if (behaviour.status < 300) throw new StandInContractError('a scripted success must be `ok` (the real answer) or `breaks-contract`');
        if (behaviour.retryAfter) res.setHeader('Retry-After', behaviour.retryAfter);
        return this.send(res, behaviour.status, behaviour.body ?? { title: 'scripted failure', status: behaviour.status, detail: `scripted HTTP ${behaviour.status}` });
      case 'ok':
        if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
        return this.send(res, 200, ok());
      case 'breaks-contract':
        return this.send(res, 200, behaviour.body);
    }
  }

  private unscriptedBehaviour(): Behaviour {
    const { latencyMs, transientFailureRate = 0 } = this.unscripted;
    if (Math.random() < transientFailureRate) return { kind: 'status', status: 503 };
    const delayMs = latencyMs ? latencyMs[0] + Math.random() * (latencyMs[1] - latencyMs[0]) : 0;
    return { kind: 'ok', delayMs };
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' });
    res.end(JSON.stringify(body));
  }

  private listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<string> {
    const server = createServer((req, res) => {
      handler(req, res).catch((error) => this.send(res, 500, { title: 'stand-in error', detail: String(error) }));
    });
    this.servers.push(server);
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
  }
}
