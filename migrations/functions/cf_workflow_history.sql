-- With user_id, another user's workflow has no history (reads as unknown); without it (a service), any workflow's.
create or replace function cf_workflow_history(p jsonb) returns jsonb language sql stable as $$
  select coalesce(jsonb_agg(to_jsonb(e) - 'workflow_id' order by e.seq), '[]'::jsonb)
    from workflow_events e
   where e.workflow_id = (p->>'workflow_id')::uuid
     and e.seq > coalesce((p->>'after_seq')::int, 0)
     and (p->>'user_id' is null
          or exists (select 1 from workflows w where w.id = e.workflow_id and w.user_id = p->>'user_id'))
$$;
