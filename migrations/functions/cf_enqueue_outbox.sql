create or replace function cf_enqueue_outbox(p_workflow uuid, p_seq integer, p jsonb) returns void language plpgsql as $$
begin
  if jsonb_array_length(coalesce(p->'outbox', '[]'::jsonb)) > 0 then
    insert into workflow_outbox (workflow_id, seq, topic, payload)
    select p_workflow, p_seq, m->>'topic', m->'payload' from jsonb_array_elements(p->'outbox') m;
  end if;
end $$;
