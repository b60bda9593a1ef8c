import { waitFor } from './wait-for.js';

export interface Workflow {
  id: string;
  workflow_id: string;
  user_id: string;
  document_path: string;
  state: string;
  created_at: string;
  updated_at: string;
  error: Record<string, any> | null;
  results: Record<string, any> | null;
  progress: { step: string | null; phase: string | null; attempt: number | null; max_attempts: number | null; next_retry_at: string | null };
  last_error: Record<string, any> | null;
}

export interface HistoryEvent {
  seq: number;
  type: string;
  from_state: string | null;
  to_state: string;
  detail: Record<string, any>;
  replica: string | null;
  created_at: string;
}

/** A thin client of the orchestrator's REST API, as a user's code would call it. */
export class OrchestratorApi {
  /** `credentials`: headers sent with every request (an `X-API-Key` or an `Authorization: Bearer`). */
  constructor(public baseUrl: string, private readonly credentials: Record<string, string> = {}) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    headers = { ...this.credentials, ...headers };
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  async start(userId: string, documentPath: string, extra: Record<string, unknown> = {}): Promise<Workflow> {
    const res = await this.request('POST', '/workflow/start', { user_id: userId, document_path: documentPath, ...extra });
    if (res.status !== 201) throw new Error(`start answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async get(id: string): Promise<Workflow> {
    const res = await this.request('GET', `/workflow/${id}`);
    if (res.status !== 200) throw new Error(`GET answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async history(id: string): Promise<HistoryEvent[]> {
    return (await this.request('GET', `/workflow/${id}/history`)).body.events;
  }

  /** Every stored transaction, following next_cursor page by page as a client would. */
  async transactions(id: string, pageSize?: number): Promise<Array<Record<string, any>>> {
    const all: Array<Record<string, any>> = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ ...(pageSize ? { limit: String(pageSize) } : {}), ...(cursor ? { cursor } : {}) });
      const res = await this.request('GET', `/workflow/${id}/transactions?${query.toString()}`);
      if (res.status !== 200) throw new Error(`GET /workflow/${id}/transactions answered ${res.status}: ${JSON.stringify(res.body)}`);
      all.push(...res.body.transactions);
      cursor = res.body.next_cursor;
    } while (cursor);
    return all;
  }

  waitForState(id: string, states: string[], timeoutMs = 30_000): Promise<Workflow> {
    return waitFor(async () => {
      const wf = await this.get(id);
      return states.includes(wf.state) ? wf : undefined;
    }, `workflow ${id} to reach ${states.join('|')}`, timeoutMs, 100);
  }
}

export interface ServerSentEvent {
  id?: string;
  event: string;
  data: any;
}

/** Reads a Server-Sent Events response until the server ends it (or the timeout aborts it). */
export async function readEventStream(url: string, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<ServerSentEvent[]> {
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`not an event stream: ${res.status}`);
  const text = await res.text();
  return text
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => line && !line.startsWith(':') && !line.startsWith('retry:')))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
      return { id: field('id'), event: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') };
    });
}
