-- Records a history entry without changing the workflow (a late result, a failed effect), still version-checked.
create or replace function cf_record_event(p jsonb) returns jsonb language plpgsql as $$
declare
  w workflows;
begin
  update workflows set version = version + 1, updated_at = clock_timestamp()
   where id = (p->>'workflow_id')::uuid and version = (p->>'expected_version')::int
  returning * into w;
  if not found then
    return jsonb_build_object('ok', false, 'reason', 'version_conflict');
  end if;
  perform cf_insert_history(w.id, w.version, p->'history', p->>'owner');
  perform cf_apply_effects(w.id, p);
  return jsonb_build_object('ok', true, 'version', w.version);
end $$;
