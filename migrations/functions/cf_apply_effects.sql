-- Same effects as in 002, but each statement runs only when there is something for it to do: most transitions
-- start one task and finish one, and the empty statements were most of this function's cost (bench --sql-profile).
create or replace function cf_apply_effects(p_workflow uuid, p jsonb) returns jsonb language plpgsql as $$
declare
  started jsonb := '[]'::jsonb;
  lease interval := coalesce((p->>'lease_ms')::int, 30000) * interval '1 millisecond';
begin
  if jsonb_typeof(p->'step_output') = 'object' then
    insert into step_outputs (workflow_id, key, payload)
    values (p_workflow, p->'step_output'->>'key', p->'step_output'->>'payload')
    on conflict (workflow_id, key) do update set payload = excluded.payload, created_at = now();
  end if;
  if p->>'consume_timer' is not null then
    delete from workflow_timers where workflow_id = p_workflow and send_id = p->>'consume_timer';
  end if;
  if jsonb_typeof(p->'finish_task') = 'object' then
    update workflow_tasks
       set status = p->'finish_task'->>'status', outcome = p->'finish_task'->'outcome',
           finished_at = clock_timestamp(), lease_owner = null, lease_until = null
     where id = (p->'finish_task'->>'task_id')::uuid and status = 'running';
  end if;
  if jsonb_array_length(coalesce(p->'timers_cancel', '[]'::jsonb)) > 0 then
    delete from workflow_timers
     where workflow_id = p_workflow
       and send_id in (select jsonb_array_elements_text(p->'timers_cancel'));
  end if;
  if jsonb_array_length(coalesce(p->'timers_add', '[]'::jsonb)) > 0 then
    insert into workflow_timers (workflow_id, send_id, event, due_at)
    select p_workflow, t->>'send_id', t->'event', clock_timestamp() + (t->>'delay_ms')::numeric * interval '1 millisecond'
      from jsonb_array_elements(p->'timers_add') t
    on conflict (workflow_id, send_id) do update
      set event = excluded.event, due_at = excluded.due_at, lease_owner = null, lease_until = null;
  end if;
  if jsonb_array_length(coalesce(p->'tasks_stop', '[]'::jsonb)) > 0 then
    update workflow_tasks set status = 'cancelled', finished_at = clock_timestamp(), lease_owner = null, lease_until = null
     where workflow_id = p_workflow and status = 'running'
       and actor_id in (select jsonb_array_elements_text(p->'tasks_stop'));
  end if;
  if jsonb_array_length(coalesce(p->'tasks_start', '[]'::jsonb)) > 0 then
    with inserted as (
      insert into workflow_tasks (workflow_id, actor_id, src, input, status, lease_owner, lease_until, timeout_ms, deadline_at)
      select p_workflow, t->>'actor_id', t->>'src', coalesce(t->'input', 'null'::jsonb), 'running',
             p->>'owner', clock_timestamp() + lease, (t->>'timeout_ms')::int,
             clock_timestamp() + (t->>'timeout_ms')::int * interval '1 millisecond'
        from jsonb_array_elements(p->'tasks_start') t
      returning id, workflow_id, actor_id, src, input, runs
    )
    select coalesce(jsonb_agg(to_jsonb(inserted)), '[]'::jsonb) into started from inserted;
  end if;
  return started;
end $$;
