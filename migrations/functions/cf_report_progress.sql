-- A running step's progress (011): kept on its task row and the deadline moved on by its timeout, if this owner
-- still holds the task. Answers whether it does, so a replica that lost the task stops working on it.
create or replace function cf_report_progress(p jsonb) returns jsonb language plpgsql as $$
begin
  update workflow_tasks
     set progress = p->'progress', progress_at = clock_timestamp(),
         deadline_at = case when timeout_ms is null then deadline_at
                            else clock_timestamp() + timeout_ms * interval '1 millisecond' end
   where id = (p->>'task_id')::uuid and status = 'running' and lease_owner = p->>'owner';
  return jsonb_build_object('held', found);
end $$;
