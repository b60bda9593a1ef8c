-- Binds (scope, key) to a request hash and the workflow id it will create, unless already bound: answers the
-- binding that holds (`reserved` true when this call made it) and its age, so a caller can tell a request still
-- in flight from one whose process died before creating its workflow.
create or replace function cf_reserve_idempotency_key(p jsonb) returns jsonb language plpgsql as $$
declare
  r idempotency_requests;
  made boolean := true;
begin
  insert into idempotency_requests (scope, key, request_hash, workflow_id)
  values (p->>'scope', p->>'key', p->>'request_hash', (p->>'workflow_id')::uuid)
  on conflict (scope, key) do nothing
  returning * into r;
  if not found then
    made := false;
    select * into r from idempotency_requests where scope = p->>'scope' and key = p->>'key';
  end if;
  return jsonb_build_object('reserved', made, 'request_hash', r.request_hash, 'workflow_id', r.workflow_id,
    'age_ms', floor(extract(epoch from (clock_timestamp() - r.created_at)) * 1000));
end $$;
