-- Unbinds a key whose request failed before its workflow was created, so the client's retry starts afresh
-- instead of waiting out the in-flight window. A key whose workflow exists stays bound.
create or replace function cf_release_idempotency_key(p jsonb) returns jsonb language plpgsql as $$
begin
  delete from idempotency_requests r
   where r.scope = p->>'scope' and r.key = p->>'key' and r.workflow_id = (p->>'workflow_id')::uuid
     and not exists (select 1 from workflows w where w.id = r.workflow_id);
  return jsonb_build_object('released', found);
end $$;
