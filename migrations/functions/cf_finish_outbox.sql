-- Records one delivery attempt: delivered, retried later, or given up after the last attempt.
create or replace function cf_finish_outbox(p jsonb) returns jsonb language plpgsql as $$
declare
  o workflow_outbox;
begin
  update workflow_outbox
     set attempts = attempts + 1,
         status = case when (p->>'ok')::boolean then 'delivered'
                       when attempts + 1 >= (p->>'max_attempts')::int then 'failed' else 'pending' end,
         delivered_at = case when (p->>'ok')::boolean then clock_timestamp() end,
         next_attempt_at = clock_timestamp() + coalesce((p->>'retry_in_ms')::int, 0) * interval '1 millisecond',
         last_status = (p->>'http_status')::int,
         last_error = p->>'error',
         attempt_log = attempt_log || jsonb_build_array(jsonb_build_object(
           'at', clock_timestamp(), 'http_status', (p->>'http_status')::int, 'error', p->>'error', 'replica', p->>'owner')),
         lease_owner = null, lease_until = null
   where id = (p->>'id')::uuid and lease_owner = p->>'owner'
  returning * into o;
  return jsonb_build_object('ok', found, 'status', o.status);
end $$;
