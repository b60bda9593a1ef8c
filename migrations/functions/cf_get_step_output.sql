-- The output a step committed (010), as its JSON text, or null: read by the next step when it runs on a replica
-- that does not hold it.
create or replace function cf_get_step_output(p jsonb) returns jsonb language plpgsql stable as $$
begin
  return (select to_jsonb(payload) from step_outputs where workflow_id = (p->>'workflow_id')::uuid and key = p->>'key');
end $$;
