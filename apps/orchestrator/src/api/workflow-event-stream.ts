import { Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '@cashflow/nest-http';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WorkflowEvents } from '../engine/workflow-events.js';
import { WorkflowStore } from '../persistence/workflow.store.js';
import { presentWorkflow } from './workflow.presenter.js';

const FINAL_STATES = new Set(['completed', 'cancelled']);
const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events for one workflow: every history entry as `event: history` (id = its seq, so a client
 * reconnecting with Last-Event-ID misses nothing), then `event: workflow` with the current view. Commits from
 * this replica push at once; a short poll catches those made by other replicas. Ends after a final state.
 */
@Injectable()
export class WorkflowEventStream {
  constructor(
    private readonly store: WorkflowStore,
    private readonly events: WorkflowEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async stream(id: string, request: Request, response: Response): Promise<void> {
    const loaded = await this.store.getWorkflow(id);
    if (!loaded) throw ProblemException.notFound(`no workflow with id ${id}`);
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
        const entries = await this.sendHistory(response, id, cursor);
        cursor = entries.at(-1)?.seq ?? cursor;
        if (entries.length === 0 && !force) return;
        const current = await this.store.getWorkflow(id);
        if (!current) return;
        if (FINAL_STATES.has(current.workflow.state)) {
          // Commits may have landed between the two reads: the last entries go out before the stream ends.
          cursor = (await this.sendHistory(response, id, cursor)).at(-1)?.seq ?? cursor;
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
      unsubscribe();
      unsubscribeProgress();
      clearInterval(poll);
      clearInterval(heartbeat);
      response.end();
    };
    request.on('close', close);
    flush(true);
  }

  private async sendHistory(response: Response, id: string, after: number) {
    const entries = await this.store.history(id, after);
    for (const entry of entries) response.write(`id: ${entry.seq}\nevent: history\ndata: ${JSON.stringify(entry)}\n\n`);
    return entries;
  }
}
