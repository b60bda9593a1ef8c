-- Delivery of the webhook outbox (table in 001, written by cf_commit_transition in 002): claim, record, list.

alter table workflow_outbox enable row level security;

do $$ begin
  if exists (select 1 from pg_roles where rolname = 'service_role') and exists (select 1 from pg_roles where rolname = 'authenticated') then
    revoke all on workflow_outbox from anon, authenticated;
    grant select, insert, update, delete on workflow_outbox to service_role;
  end if;
end $$;

-- Claims due notifications, oldest first per workflow; a workflow's later message waits for its earlier ones.
create or replace function cf_claim_outbox(p jsonb) returns jsonb language plpgsql as $$
declare
  claimed jsonb;
begin
  with due as (
    select o.id from workflow_outbox o
     where o.status = 'pending' and o.next_attempt_at <= clock_timestamp()
       and (o.lease_until is null or o.lease_until < clock_timestamp())
       and not exists (select 1 from workflow_outbox e
                        where e.workflow_id = o.workflow_id and e.status = 'pending' and e.seq < o.seq)
     order by o.next_attempt_at limit coalesce((p->>'limit')::int, 50)
     for update skip locked
  ), taken as (
    update workflow_outbox o set lease_owner = p->>'owner',
           lease_until = clock_timestamp() + coalesce((p->>'lease_ms')::int, 30000) * interval '1 millisecond'
      from due where o.id = due.id
    returning o.id, o.workflow_id, o.seq, o.topic, o.payload, o.attempts, o.created_at
  )
  select coalesce(jsonb_agg(to_jsonb(taken) order by taken.created_at), '[]'::jsonb) into claimed from taken;
  return claimed;
end $$;

-- Records one delivery attempt: delivered, retried later, or given up after the last attempt.
create or replace function cf_finish_outbox(p jsonb) returns jsonb language plpgsql as $$
declare
  o workflow_outbox;
begin
  update workflow_outbox
     set attempts = attempts + 1,
         status = case when (p->>'ok')::boolean then 'delivered'
                       when attempts + 1 >= (p->>'max_attempts')::int then 'failed' else 'pending' end,
         delivered_at = case when (p->>'ok')::boolean then clock_timestamp() end,
         next_attempt_at = clock_timestamp() + coalesce((p->>'retry_in_ms')::int, 0) * interval '1 millisecond',
         last_status = (p->>'http_status')::int,
         last_error = p->>'error',
         attempt_log = attempt_log || jsonb_build_array(jsonb_build_object(
           'at', clock_timestamp(), 'http_status', (p->>'http_status')::int, 'error', p->>'error', 'replica', p->>'owner')),
         lease_owner = null, lease_until = null
   where id = (p->>'id')::uuid and lease_owner = p->>'owner'
  returning * into o;
  return jsonb_build_object('ok', found, 'status', o.status);
end $$;

create or replace function cf_list_outbox(p jsonb) returns jsonb language sql stable as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', o.id, 'seq', o.seq, 'topic', o.topic, 'status', o.status, 'attempts', o.attempts,
           'last_status', o.last_status, 'last_error', o.last_error, 'next_attempt_at', o.next_attempt_at,
           'delivered_at', o.delivered_at, 'attempt_log', o.attempt_log, 'payload', o.payload) order by o.seq), '[]'::jsonb)
    from workflow_outbox o
   where o.workflow_id = (p->>'workflow_id')::uuid
$$;
