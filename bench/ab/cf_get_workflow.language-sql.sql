-- cf_get_workflow as migrations/002 defined it before the bench's fix (language sql), for an A/B:
--   node bench/run.js --quick --contenders ours --no-heap --no-seeded --sql-override bench/ab/cf_get_workflow.language-sql.sql
create or replace function cf_get_workflow(p jsonb) returns jsonb language sql stable as $$
  select case when w.id is null then null else jsonb_build_object(
    'workflow', to_jsonb(w),
    'tasks', coalesce((select jsonb_agg(to_jsonb(t) order by t.created_at) from workflow_tasks t
                       where t.workflow_id = w.id and t.status = 'running'), '[]'::jsonb),
    'timers', coalesce((select jsonb_agg(jsonb_build_object('send_id', t.send_id, 'due_at', t.due_at) order by t.due_at)
                        from workflow_timers t where t.workflow_id = w.id), '[]'::jsonb)
  ) end
  from (select 1) one
  left join workflows w on w.id = (p->>'workflow_id')::uuid
                       and (p->>'user_id' is null or w.user_id = p->>'user_id')
$$;
