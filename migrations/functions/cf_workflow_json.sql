create or replace function cf_workflow_json(w workflows) returns jsonb language sql stable as $$
  select to_jsonb(w)
$$;
