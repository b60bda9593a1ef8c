-- A step result may only be recorded by the replica that holds the task's lease. A lease taken over by another
-- replica does not bump the workflow's version, so the version check alone cannot see it: answer 'stale' and let
-- the engine read the workflow and record the late result as ignored. The task row is locked until commit, so a
-- concurrent takeover (cf_claim_work skips locked rows) cannot slip in between the check and the update.
create or replace function cf_commit_transition(p jsonb) returns jsonb language plpgsql as $$
declare
  w workflows;
  started jsonb;
begin
  if jsonb_typeof(p->'finish_task') = 'object' and p->>'owner' is not null then
    perform 1 from workflow_tasks
      where id = (p->'finish_task'->>'task_id')::uuid and status = 'running' and lease_owner = p->>'owner'
      for update;
    if not found then
      return jsonb_build_object('ok', false, 'reason',
        case when exists (select 1 from workflows where id = (p->>'workflow_id')::uuid) then 'stale' else 'not_found' end);
    end if;
  end if;
  update workflows
     set snapshot = p->'snapshot', state = p->>'state', error = p->'error', results = p->'results',
         view = coalesce(p->'view', view), machine_version = coalesce((p->>'machine_version')::int, machine_version),
         version = version + 1, updated_at = clock_timestamp()
   where id = (p->>'workflow_id')::uuid and version = (p->>'expected_version')::int
  returning * into w;
  if not found then
    return jsonb_build_object('ok', false, 'reason',
      case when exists (select 1 from workflows where id = (p->>'workflow_id')::uuid) then 'version_conflict' else 'not_found' end);
  end if;
  perform cf_insert_history(w.id, w.version, p->'history', p->>'owner');
  perform cf_enqueue_outbox(w.id, w.version, p);
  started := cf_apply_effects(w.id, p);
  return jsonb_build_object('ok', true, 'version', w.version, 'updated_at', w.updated_at, 'tasks', started);
end $$;
