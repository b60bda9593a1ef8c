-- Workflows, their history, durable timers and step tasks.
-- Runs as it is on PGlite, PostgreSQL and Supabase; every statement is idempotent.

create table if not exists workflows (
  id uuid primary key,
  user_id text not null,
  document_path text not null,
  state text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  error jsonb,
  results jsonb,
  -- Engine columns: the persisted XState snapshot, an optimistic-lock version, the machine version it
  -- runs on, the public view (step, phase, attempt, next retry) and the client's idempotency key.
  snapshot jsonb not null,
  version integer not null default 1,
  machine_version integer not null default 1,
  view jsonb not null default '{}'::jsonb,
  idempotency_key text
);
create unique index if not exists workflows_user_idempotency_key on workflows (user_id, idempotency_key) where idempotency_key is not null;
create index if not exists workflows_user_created on workflows (user_id, created_at desc, id desc);
create index if not exists workflows_state on workflows (state) where state not in ('completed', 'cancelled');

create table if not exists workflow_events (
  workflow_id uuid not null references workflows (id) on delete cascade,
  seq integer not null,
  type text not null,
  from_state text,
  to_state text not null,
  detail jsonb not null default '{}'::jsonb,
  replica text,
  created_at timestamptz not null default clock_timestamp(),
  primary key (workflow_id, seq)
);

-- A delayed event (XState `after`, or the first event of a new workflow): due_at is what the scheduler claims by.
create table if not exists workflow_timers (
  workflow_id uuid not null references workflows (id) on delete cascade,
  send_id text not null,
  event jsonb not null,
  due_at timestamptz not null,
  lease_owner text,
  lease_until timestamptz,
  primary key (workflow_id, send_id)
);
create index if not exists workflow_timers_due on workflow_timers (due_at);

-- An invoked step actor: leased to the replica running it, claimable by another once the lease expires.
create table if not exists workflow_tasks (
  id uuid primary key default gen_random_uuid(),
  workflow_id uuid not null references workflows (id) on delete cascade,
  actor_id text not null,
  src text not null,
  input jsonb not null,
  status text not null check (status in ('running', 'succeeded', 'failed', 'cancelled')),
  lease_owner text,
  lease_until timestamptz,
  runs integer not null default 1,
  outcome jsonb,
  created_at timestamptz not null default clock_timestamp(),
  finished_at timestamptz
);
create unique index if not exists workflow_tasks_one_running on workflow_tasks (workflow_id, actor_id) where status = 'running';
create index if not exists workflow_tasks_lease on workflow_tasks (lease_until) where status = 'running';

-- Transactional outbox: notifications (webhooks) written in the same transaction as the transition they announce,
-- delivered and retried later by a dispatcher that claims rows as the scheduler claims timers.
create table if not exists workflow_outbox (
  id uuid primary key default gen_random_uuid(),
  workflow_id uuid not null references workflows (id) on delete cascade,
  seq integer not null,
  topic text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default clock_timestamp(),
  lease_owner text,
  lease_until timestamptz,
  last_status integer,
  last_error text,
  attempt_log jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default clock_timestamp(),
  delivered_at timestamptz
);
create index if not exists workflow_outbox_due on workflow_outbox (next_attempt_at) where status = 'pending';
create index if not exists workflow_outbox_workflow on workflow_outbox (workflow_id, created_at);
