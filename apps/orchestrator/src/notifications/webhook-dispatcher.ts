import { Logger } from '@nestjs/common';
import axios, { isAxiosError, type AxiosInstance } from 'axios';
import type { SqlFunctionCaller } from '../persistence/sql-database.js';
import { signWebhook } from './webhook-signature.js';

export interface WebhookSettings {
  url: string;
  key: Buffer;
  maxAttempts: number;
  timeoutMs: number;
  owner: string;
  pollIntervalMs: number;
}

interface OutboxRow {
  id: string;
  workflow_id: string;
  seq: number;
  payload: { type: string; data: unknown };
  attempts: number;
  created_at: string;
}

const MAX_BACKOFF_MS = 3_600_000;

/**
 * Delivers the webhook outbox: claims due rows (any replica may), POSTs them signed, and records each attempt.
 * A workflow's messages go out in order: the next waits until the previous one is delivered or given up.
 */
export class WebhookDispatcher {
  private readonly logger = new Logger('Webhooks');
  private readonly http: AxiosInstance;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly db: SqlFunctionCaller, private readonly settings: WebhookSettings) {
    this.http = axios.create({ timeout: settings.timeoutMs, maxRedirects: 0, validateStatus: (s) => s >= 200 && s < 300 });
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.settings.pollIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Called after each commit that enqueued messages, so delivery does not wait for the next poll. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      let rows: OutboxRow[];
      try {
        rows = await this.db.call<OutboxRow[]>('cf_claim_outbox', { owner: this.settings.owner, limit: 50, lease_ms: this.settings.timeoutMs * 3 });
      } catch (error) {
        this.logger.warn(`claiming webhooks failed; will try again: ${(error as Error).message}`);
        return;
      }
      await Promise.all(rows.map((row) => this.deliver(row)));
      if (rows.length === 50) this.again = true;
    } while (this.again && this.timer);
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: row.payload.type, timestamp: new Date(timestamp * 1000).toISOString(), data: row.payload.data });
    let outcome: { ok: boolean; http_status?: number; error?: string };
    try {
      const response = await this.http.post(this.settings.url, body, {
        headers: {
          'Content-Type': 'application/json',
          'webhook-id': row.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(this.settings.key, row.id, timestamp, body),
        },
      });
      outcome = { ok: true, http_status: response.status };
    } catch (error) {
      outcome = isAxiosError(error)
        ? { ok: false, http_status: error.response?.status, error: error.response ? `HTTP ${error.response.status}` : (error.code ?? error.message) }
        : { ok: false, error: String(error) };
    }
    const retryInMs = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** row.attempts);
    try {
      const result = await this.db.call<{ status: string }>('cf_finish_outbox', {
        id: row.id, owner: this.settings.owner, max_attempts: this.settings.maxAttempts, retry_in_ms: retryInMs, ...outcome,
      });
      if (result.status === 'failed') this.logger.error(`webhook ${row.id} (${row.payload.type}) given up after ${row.attempts + 1} attempts: ${outcome.error}`);
    } catch (error) {
      this.logger.warn(`recording webhook ${row.id} failed; it will be claimed again: ${(error as Error).message}`);
    }
  }
}
