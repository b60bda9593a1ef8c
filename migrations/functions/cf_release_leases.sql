create or replace function cf_release_leases(p jsonb) returns jsonb language plpgsql as $$
declare
  n_tasks integer;
  n_timers integer;
begin
  with lockable as (
    select id from workflow_tasks where lease_owner = p->>'owner' and status = 'running' for update skip locked
  )
  update workflow_tasks t set lease_until = clock_timestamp() - interval '1 millisecond' from lockable where t.id = lockable.id;
  get diagnostics n_tasks = row_count;
  with lockable as (
    select workflow_id, send_id from workflow_timers where lease_owner = p->>'owner' for update skip locked
  )
  update workflow_timers t set lease_owner = null, lease_until = null
    from lockable where t.workflow_id = lockable.workflow_id and t.send_id = lockable.send_id;
  get diagnostics n_timers = row_count;
  return jsonb_build_object('tasks', n_tasks, 'timers', n_timers);
end $$;
