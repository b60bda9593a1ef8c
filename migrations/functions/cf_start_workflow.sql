-- cf_create_workflow (002), plus `then`: the workflow's first event (START) committed in the same transaction,
-- so a new workflow needs no due-now timer, no claim and no read before it moves on. Answered as `then`.
create or replace function cf_start_workflow(p jsonb) returns jsonb language plpgsql as $$
declare
  created jsonb := cf_create_workflow(p);
begin
  if not (created->>'created')::boolean or jsonb_typeof(p->'then') <> 'object' then
    return created;
  end if;
  return created || jsonb_build_object('then', cf_commit_transition(p->'then' || jsonb_build_object(
    'workflow_id', created->'workflow'->'id', 'expected_version', 1, 'owner', p->'owner', 'lease_ms', p->'lease_ms')));
end $$;
