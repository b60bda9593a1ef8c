/** Plain rows the engine reads and writes; adapters map them to SQL functions (migrations/). */

/** What the engine needs of a workflow row; the host's store keeps its own columns beside these (its projection). */
export interface WorkflowRow {
  id: string;
  state: string;
  created_at: string;
  updated_at: string;
  snapshot: unknown;
  version: number;
  machine_version: number;
  idempotency_key: string | null;
}

export interface TaskRow {
  id: string;
  workflow_id: string;
  actor_id: string;
  src: string;
  input: unknown;
  runs: number;
}

export interface TimerRow {
  workflow_id: string;
  send_id: string;
  event: { type: string; [key: string]: unknown };
  due_at: string;
}

export interface HistoryEntry {
  type: string;
  from_state: string | null;
  to_state: string;
  detail: Record<string, unknown>;
}

export interface EffectsPlan {
  timers_add: Array<{ send_id: string; event: unknown; delay_ms: number }>;
  timers_cancel: string[];
  /** `timeout_ms`: the task's deadline from now, moved on by each progress report (EngineOptions.taskTimeoutMs). */
  tasks_start: Array<{ actor_id: string; src: string; input: unknown; timeout_ms?: number | null }>;
  tasks_stop: string[];
}

/** What the host derives from a snapshot and stores beside it (`state` and whatever columns it keeps). */
export interface Projection {
  state: string;
  [column: string]: unknown;
}

export interface OutboxMessage {
  topic: string;
  payload: unknown;
}

interface CommitCommon extends EffectsPlan {
  owner: string;
  /** Notifications written in the same transaction as the transition (a transactional outbox). */
  outbox?: OutboxMessage[];
  lease_ms: number;
  history: HistoryEntry;
  consume_timer?: string;
  finish_task?: { task_id: string; status: 'succeeded' | 'failed' | 'cancelled'; outcome: unknown };
  /**
   * A step's whole output, written once beside the workflow (claim check); the snapshot keeps a reference. As
   * JSON text: the database stores it without building it (megabytes for a large statement).
   */
  step_output?: { key: string; payload: string };
}

/** A transition as the engine computed it: the next snapshot, the host's projection of it (flat), its effects. */
export interface TransitionBody extends EffectsPlan, Projection {
  snapshot: unknown;
  machine_version: number;
  history: HistoryEntry;
  outbox?: OutboxMessage[];
}

/** The host's own columns of a new workflow (who started it, on what) come flat too, from StartParams.attributes. */
export interface CreateWorkflowParams extends CommitCommon, TransitionBody {
  id: string;
  idempotency_key?: string | null;
  /** The first event's transition, committed with the creation (version 1 -> 2) in the same transaction. */
  then?: TransitionBody;
}

export interface CreateWorkflowResult {
  created: boolean;
  workflow: WorkflowRow;
  tasks: TaskRow[];
  /** The outcome of `then`, when the workflow was created and `then` was given. */
  then?: CommitResult | null;
}

export interface CommitTransitionParams extends CommitCommon, TransitionBody {
  workflow_id: string;
  expected_version: number;
}

export interface RecordEventParams extends CommitCommon {
  workflow_id: string;
  expected_version: number;
}

export type CommitResult =
  | { ok: true; version: number; tasks: TaskRow[] }
  /** stale: the finished task is no longer running under this owner (cancelled, finished, or taken over). */
  | { ok: false; reason: 'version_conflict' | 'not_found' | 'stale' };

export interface LoadedWorkflow {
  workflow: WorkflowRow;
  /** Step tasks still running, with the progress each last reported. */
  tasks: Array<TaskRow & { lease_owner: string | null; progress?: TaskProgress | null }>;
  timers: Array<{ send_id: string; due_at: string }>;
}

export interface ClaimedWork {
  timers: TimerRow[];
  tasks: TaskRow[];
  /** Running tasks whose deadline passed, now leased to the claimer to be failed as timed out. */
  timed_out?: Array<TaskRow & { timeout_ms: number | null }>;
  next_due_at: string | null;
}

/** How far a long step has got (`{ done: 3, total: 10, unit: 'pages' }`). */
export interface TaskProgress {
  done: number;
  total: number;
  unit: string;
}

export interface EngineStore {
  createWorkflow(params: CreateWorkflowParams): Promise<CreateWorkflowResult>;
  commitTransition(params: CommitTransitionParams): Promise<CommitResult>;
  /** Optional group commit: several workflows' transitions in one statement, answered in order, each on its own. */
  commitTransitions?(params: CommitTransitionParams[]): Promise<CommitResult[]>;
  recordEvent(params: RecordEventParams): Promise<{ ok: boolean }>;
  getWorkflow(workflowId: string): Promise<LoadedWorkflow | null>;
  /** A step output committed with a step's result (its JSON text), or null when there is none under that key. */
  getStepOutput(workflowId: string, key: string): Promise<string | null>;
  claimWork(owner: string, limit: number, leaseMs: number): Promise<ClaimedWork>;
  /** Returns the ids whose lease was extended; the others are no longer this owner's to run. */
  renewLeases(owner: string, taskIds: string[], leaseMs: number): Promise<string[]>;
  releaseLeases(owner: string): Promise<void>;
  /** Keeps a running task's progress and moves its deadline on; false when this owner no longer holds it. */
  reportProgress?(owner: string, taskId: string, progress: TaskProgress): Promise<boolean>;
}
