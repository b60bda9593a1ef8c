-- Step outputs (claim check): a step's whole output is written once, here, in the transaction that records the
-- step; the snapshot, `results` and the next step's input carry only a reference and small facts, so what every
-- commit rewrites does not grow with the statement. Keyed by the step's actor id: a redriven step overwrites it.
create table if not exists step_outputs (
  workflow_id uuid not null references workflows (id) on delete cascade,
  key text not null,
  -- The output as JSON text, not jsonb: a statement's extraction can be megabytes, and an embedded database
  -- building jsonb of it would hold the process's event loop; nothing queries inside it.
  payload text not null,
  created_at timestamptz not null default now(),
  primary key (workflow_id, key)
);

-- GET /workflow/{id}/transactions reads a workflow's rows page by page in (date, id) order.
create index if not exists transactions_workflow_order on transactions (workflow_id, booked_on, transaction_id);
