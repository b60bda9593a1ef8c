-- Creates a workflow, or returns the one already created with the same (user_id, idempotency_key).
create or replace function cf_create_workflow(p jsonb) returns jsonb language plpgsql as $$
declare
  w workflows;
  started jsonb;
begin
  if p->>'idempotency_key' is not null then
    select * into w from workflows where user_id = p->>'user_id' and idempotency_key = p->>'idempotency_key';
    if found then
      return jsonb_build_object('created', false, 'workflow', cf_workflow_json(w), 'tasks', '[]'::jsonb);
    end if;
  end if;
  insert into workflows (id, user_id, document_path, state, error, results, snapshot, version, machine_version, view, idempotency_key)
  values ((p->>'id')::uuid, p->>'user_id', p->>'document_path', p->>'state', p->'error', p->'results', p->'snapshot', 1,
          coalesce((p->>'machine_version')::int, 1), coalesce(p->'view', '{}'::jsonb), p->>'idempotency_key')
  on conflict (user_id, idempotency_key) where idempotency_key is not null do nothing
  returning * into w;
  if not found then
    select * into w from workflows where user_id = p->>'user_id' and idempotency_key = p->>'idempotency_key';
    return jsonb_build_object('created', false, 'workflow', cf_workflow_json(w), 'tasks', '[]'::jsonb);
  end if;
  perform cf_insert_history(w.id, 1, p->'history', p->>'owner');
  perform cf_enqueue_outbox(w.id, 1, p);
  started := cf_apply_effects(w.id, p);
  return jsonb_build_object('created', true, 'workflow', cf_workflow_json(w), 'tasks', started);
end $$;
