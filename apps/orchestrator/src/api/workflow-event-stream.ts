import { Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '@cashflow/nest-http';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { principalKey, readerOwner, type Principal } from '../auth/principal.js';
import { StreamSlots } from '../auth/stream-slots.js';
import { WorkflowEvents } from '../engine/workflow-events.js';
import type { Owner } from '../persistence/owner.js';
import { UserDataStore } from '../persistence/user-data.store.js';
import { presentWorkflow } from './workflow.presenter.js';

// A failed workflow may be redriven later; its client reconnects with Last-Event-ID then, rather than holding a stream.
const FINAL_STATES = new Set(['completed', 'cancelled', 'failed']);
const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events for one workflow: every history entry as `event: history` (id = its seq, so a client
 * reconnecting with Last-Event-ID misses nothing), then `event: workflow` with the current view. Commits from
 * this replica push at once; a short poll catches those made by other replicas. Ends after completed, cancelled
 * or failed. Each principal may hold SSE_MAX_STREAMS at once (every stream polls).
 */
@Injectable()
export class WorkflowEventStream {
  constructor(
    private readonly reads: UserDataStore,
    private readonly events: WorkflowEvents,
    private readonly slots: StreamSlots,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async stream(principal: Principal, id: string, request: Request, response: Response): Promise<void> {
    const owner = readerOwner(principal);
    const loaded = await this.reads.getWorkflow(owner, id);
    if (!loaded) throw ProblemException.notFound(`no workflow with id ${id}`);
    const releaseSlot = this.slots.acquire(principalKey(principal));
    const lastEventId = Number(request.headers['last-event-id'] ?? request.query.after ?? 0);
    let cursor = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0;

    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write('retry: 2000\n\n');

    let closed = false;
    let flushing: Promise<void> = Promise.resolve();
    const flush = (force = false) => {
      flushing = flushing.then(async () => {
        if (closed) return;
        const entries = await this.sendHistory(response, owner, id, cursor);
        cursor = entries.at(-1)?.seq ?? cursor;
        if (entries.length === 0 && !force) return;
        const current = await this.reads.getWorkflow(owner, id);
        if (!current) return;
        if (FINAL_STATES.has(current.workflow.state)) {
          // Commits may have landed between the two reads: the last entries go out before the stream ends.
          cursor = (await this.sendHistory(response, owner, id, cursor)).at(-1)?.seq ?? cursor;
        }
        response.write(`event: workflow\ndata: ${JSON.stringify(presentWorkflow(current.workflow, false))}\n\n`);
        if (FINAL_STATES.has(current.workflow.state)) close();
      }).catch(() => {
        // A database hiccup: the next poll tries again.
      });
    };
    const unsubscribe = this.events.subscribe(id, () => flush());
    // Progress of a step running on this replica; other replicas' progress shows in GET /workflow/{id}.
    const unsubscribeProgress = this.events.subscribeProgress(id, (progress) => {
      if (!closed) response.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
    });
    const poll = setInterval(() => flush(), Math.max(250, this.config.pollIntervalMs));
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const close = () => {
      if (closed) return;
      closed = true;
      releaseSlot();
      unsubscribe();
      unsubscribeProgress();
      clearInterval(poll);
      clearInterval(heartbeat);
      response.end();
    };
    request.on('close', close);
    flush(true);
  }

  private async sendHistory(response: Response, owner: Owner, id: string, after: number) {
    const entries = await this.reads.history(owner, id, after);
    for (const entry of entries) response.write(`id: ${entry.seq}\nevent: history\ndata: ${JSON.stringify(entry)}\n\n`);
    return entries;
  }
}
