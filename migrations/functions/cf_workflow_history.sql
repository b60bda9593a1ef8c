create or replace function cf_workflow_history(p jsonb) returns jsonb language sql stable as $$
  select coalesce(jsonb_agg(to_jsonb(e) - 'workflow_id' order by e.seq), '[]'::jsonb)
    from workflow_events e
   where e.workflow_id = (p->>'workflow_id')::uuid
     and e.seq > coalesce((p->>'after_seq')::int, 0)
$$;
