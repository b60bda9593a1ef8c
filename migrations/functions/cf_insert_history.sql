-- plpgsql for the same reason as cf_get_workflow (002): a non-inlinable sql function is planned at every call.
create or replace function cf_insert_history(p_workflow uuid, p_seq integer, p_history jsonb, p_replica text)
returns void language plpgsql as $$
begin
  insert into workflow_events (workflow_id, seq, type, from_state, to_state, detail, replica)
  values (p_workflow, p_seq, p_history->>'type', p_history->>'from_state', p_history->>'to_state',
          coalesce(p_history->'detail', '{}'::jsonb), p_replica);
end $$;
