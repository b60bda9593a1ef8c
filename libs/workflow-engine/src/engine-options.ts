import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import type { BatcherOptions } from './commit-batcher.js';
import type { EngineStore, HistoryEntry, OutboxMessage, Projection, TaskProgress } from './engine-store.js';

export interface TaskContext {
  taskId: string;
  workflowId: string;
  /** Aborted when the step is cancelled, times out in the machine, or this replica loses the lease. */
  signal: AbortSignal;
  /** 1 on the first run of this task, more when a replica re-runs it after a crash. */
  run: number;
  /** The output of an earlier step, by the reference the machine holds: from this replica's memory, else one read. */
  readOutput: (ref: StepOutputRef) => Promise<unknown>;
  /**
   * Reports how far the step has got; kept on the task row (at most about once a second) and a heartbeat: each
   * report moves the step's deadline on. Not a transition: no version, no history entry.
   */
  progress: (progress: TaskProgress) => void;
}

/** How a machine names a step output (`inline` only for snapshots lifted from before step outputs existed). */
export interface StepOutputRef {
  output: string;
  inline?: unknown;
}

export type TaskImplementation = (input: any, context: TaskContext) => Promise<unknown>;

export interface EngineLogger {
  log(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export interface TransitionInfo {
  workflowId: string;
  /** The machine that computed the transition, e.g. to read the taken transitions' `meta`. */
  machine: AnyStateMachine;
  previous: AnyMachineSnapshot | null;
  next: AnyMachineSnapshot;
  event: EventObject;
}

export interface CommittedInfo extends TransitionInfo {
  version: number;
  projection: Projection;
  history: HistoryEntry;
}

export interface MachineVersions {
  /** The version new workflows start on. */
  current: number;
  /** Every version a workflow in flight may still be on. */
  machines: Record<number, AnyStateMachine>;
  /** Optional: lifts a snapshot of an older version to `current`; without it the old machine keeps running it. */
  migrate?: (fromVersion: number, persisted: unknown) => unknown;
}

export interface EngineOptions {
  versions: MachineVersions;
  store: EngineStore;
  /** Implementations of the machine's invoked actors, by `src`. */
  tasks: Record<string, TaskImplementation>;
  /** Turns what a task threw into the JSON-safe error the machine receives. */
  toTaskError: (error: unknown) => unknown;
  project: (snapshot: AnyMachineSnapshot) => Projection;
  describe: (info: TransitionInfo) => HistoryEntry;
  /** The event that moves a new workflow out of its initial state; committed in the creating transaction. */
  startEvent?: EventObject;
  /** Identifies this replica in leases and history. */
  owner: string;
  leaseMs?: number;
  pollIntervalMs?: number;
  claimLimit?: number;
  /** Group commit of transitions ready at the same time; used when the store has `commitTransitions`. */
  groupCommit?: BatcherOptions;
  logger?: EngineLogger;
  onCommitted?: (info: CommittedInfo) => void;
  /**
   * Claim check, by `src`: the task's whole output is committed once as a step output under its actor id, and
   * the machine receives only what this returns (small facts plus the reference).
   */
  stepOutputs?: Record<string, (output: unknown, ref: StepOutputRef) => unknown>;
  /** Step outputs kept in memory for the next step on this replica (default 256; 0 = always read). */
  stepOutputCacheSize?: number;
  /**
   * A step task's deadline, from its start or its last progress report; missed, the step fails with
   * `timeoutError` (and the task, wherever it runs, is aborted). Undefined: no deadline.
   */
  taskTimeoutMs?: (task: { src: string; input: unknown }) => number | undefined;
  /** What a missed deadline delivers as the task's error. */
  timeoutError?: (task: { src: string; timeoutMs: number | null }) => unknown;
  /** Progress reports of one task are written at most this often (default 1000 ms). */
  progressIntervalMs?: number;
  /** Called as each (throttled) progress report is written, e.g. to push it to live streams. */
  onProgress?: (task: { id: string; workflow_id: string; actor_id: string }, progress: TaskProgress) => void;
  /** The clock stamped on every event the engine applies (`at`); the machine reads time only from events. */
  now?: () => Date;
  /** Messages to commit with a transition (e.g. webhooks), delivered later by whoever reads the outbox. */
  outbox?: (info: TransitionInfo & { projection: Projection; history: HistoryEntry }) => OutboxMessage[];
}
