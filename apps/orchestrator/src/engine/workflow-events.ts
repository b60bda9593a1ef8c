import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

export interface WorkflowChange {
  version: number;
  state: string;
  history: { type: string; from_state: string | null; to_state: string; detail: Record<string, unknown> };
}

export interface WorkflowProgressReport {
  step: string;
  done: number;
  total: number;
  unit: string;
}

/** In-process fan-out of committed transitions to Server-Sent Events subscribers of this replica. */
@Injectable()
export class WorkflowEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(workflowId: string, change: WorkflowChange): void {
    this.emitter.emit(workflowId, change);
  }

  subscribe(workflowId: string, listener: (change: WorkflowChange) => void): () => void {
    this.emitter.on(workflowId, listener);
    return () => this.emitter.off(workflowId, listener);
  }

  /** A running step's progress, as this replica writes it (not a transition). */
  publishProgress(workflowId: string, progress: WorkflowProgressReport): void {
    this.emitter.emit(`progress:${workflowId}`, progress);
  }

  subscribeProgress(workflowId: string, listener: (progress: WorkflowProgressReport) => void): () => void {
    this.emitter.on(`progress:${workflowId}`, listener);
    return () => this.emitter.off(`progress:${workflowId}`, listener);
  }
}
