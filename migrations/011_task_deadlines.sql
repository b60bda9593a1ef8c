-- Step timeouts as deadlines on the task row, instead of a timer row armed and deleted for every attempt: the
-- scheduler claims a running task whose deadline passed and fails it as STEP_TIMEOUT. Each progress report of a
-- long step (pages OCR'd, say) is kept on the row and moves the deadline on by the step's timeout (a heartbeat),
-- so a step that works is not killed while one that hangs still is. Not a transition: no version, no history.
alter table workflow_tasks add column if not exists timeout_ms integer;
alter table workflow_tasks add column if not exists deadline_at timestamptz;
alter table workflow_tasks add column if not exists progress jsonb;
alter table workflow_tasks add column if not exists progress_at timestamptz;
create index if not exists workflow_tasks_deadline on workflow_tasks (deadline_at) where status = 'running' and deadline_at is not null;
