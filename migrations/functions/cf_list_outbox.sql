-- With user_id, another user's workflow has no deliveries (reads as unknown); without it (a service), any workflow's.
create or replace function cf_list_outbox(p jsonb) returns jsonb language sql stable as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', o.id, 'seq', o.seq, 'topic', o.topic, 'status', o.status, 'attempts', o.attempts,
           'last_status', o.last_status, 'last_error', o.last_error, 'next_attempt_at', o.next_attempt_at,
           'delivered_at', o.delivered_at, 'attempt_log', o.attempt_log, 'payload', o.payload) order by o.seq), '[]'::jsonb)
    from workflow_outbox o
   where o.workflow_id = (p->>'workflow_id')::uuid
     and (p->>'user_id' is null
          or exists (select 1 from workflows w where w.id = o.workflow_id and w.user_id = p->>'user_id'))
$$;
