-- A group commit holds the task rows it finishes until it commits; a renewal or a release that waited for them
-- could deadlock with it (each holding rows the other wants). Neither needs to wait: a task row locked right now
-- is being finished or claimed, and is reported as still held when this owner still holds it as last committed.
create or replace function cf_renew_leases(p jsonb) returns jsonb language plpgsql as $$
declare
  held jsonb;
begin
  with asked as (
    select (jsonb_array_elements_text(coalesce(p->'task_ids', '[]'::jsonb)))::uuid as id
  ), mine as (
    select t.id from workflow_tasks t join asked using (id)
     where t.lease_owner = p->>'owner' and t.status = 'running'
  ), lockable as (
    select t.id from workflow_tasks t join mine using (id) for update of t skip locked
  ), renewed as (
    update workflow_tasks t set lease_until = clock_timestamp() + coalesce((p->>'lease_ms')::int, 30000) * interval '1 millisecond'
      from lockable where t.id = lockable.id
  )
  select coalesce(jsonb_agg(id), '[]'::jsonb) into held from mine;
  return jsonb_build_object('renewed', held);
end $$;
