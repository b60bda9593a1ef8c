-- Claims due timers, step tasks whose lease expired (their replica died) and running tasks whose deadline passed
-- (011: they are leased to the claimer, which fails them as timed out), skipping rows another replica holds.
create or replace function cf_claim_work(p jsonb) returns jsonb language plpgsql as $$
declare
  lease interval := coalesce((p->>'lease_ms')::int, 30000) * interval '1 millisecond';
  lim integer := coalesce((p->>'limit')::int, 100);
  timers jsonb;
  tasks jsonb;
  timed_out jsonb;
begin
  with due as (
    select workflow_id, send_id from workflow_timers
     where due_at <= clock_timestamp() and (lease_until is null or lease_until < clock_timestamp())
     order by due_at limit lim
     for update skip locked
  ), claimed as (
    update workflow_timers t set lease_owner = p->>'owner', lease_until = clock_timestamp() + lease
      from due where t.workflow_id = due.workflow_id and t.send_id = due.send_id
    returning t.workflow_id, t.send_id, t.event, t.due_at
  )
  select coalesce(jsonb_agg(to_jsonb(claimed) order by claimed.due_at), '[]'::jsonb) into timers from claimed;

  with expired as (
    select id from workflow_tasks
     where status = 'running' and lease_until < clock_timestamp()
       and (deadline_at is null or deadline_at >= clock_timestamp())
     order by lease_until limit lim
     for update skip locked
  ), claimed as (
    update workflow_tasks t set lease_owner = p->>'owner', lease_until = clock_timestamp() + lease, runs = t.runs + 1
      from expired where t.id = expired.id
    returning t.id, t.workflow_id, t.actor_id, t.src, t.input, t.runs
  )
  select coalesce(jsonb_agg(to_jsonb(claimed)), '[]'::jsonb) into tasks from claimed;

  with late as (
    select id from workflow_tasks
     where status = 'running' and deadline_at < clock_timestamp()
     order by deadline_at limit lim
     for update skip locked
  ), claimed as (
    update workflow_tasks t set lease_owner = p->>'owner', lease_until = clock_timestamp() + lease, deadline_at = null
      from late where t.id = late.id
    returning t.id, t.workflow_id, t.actor_id, t.src, t.input, t.runs, t.timeout_ms
  )
  select coalesce(jsonb_agg(to_jsonb(claimed)), '[]'::jsonb) into timed_out from claimed;

  return jsonb_build_object('timers', timers, 'tasks', tasks, 'timed_out', timed_out,
    'next_due_at', least(
      (select min(due_at) from workflow_timers where lease_until is null or lease_until < clock_timestamp()),
      (select min(deadline_at) from workflow_tasks where status = 'running' and deadline_at is not null)));
end $$;
