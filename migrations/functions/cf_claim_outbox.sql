-- Claims due notifications, oldest first per workflow; a workflow's later message waits for its earlier ones.
create or replace function cf_claim_outbox(p jsonb) returns jsonb language plpgsql as $$
declare
  claimed jsonb;
begin
  with due as (
    select o.id from workflow_outbox o
     where o.status = 'pending' and o.next_attempt_at <= clock_timestamp()
       and (o.lease_until is null or o.lease_until < clock_timestamp())
       and not exists (select 1 from workflow_outbox e
                        where e.workflow_id = o.workflow_id and e.status = 'pending' and e.seq < o.seq)
     order by o.next_attempt_at limit coalesce((p->>'limit')::int, 50)
     for update skip locked
  ), taken as (
    update workflow_outbox o set lease_owner = p->>'owner',
           lease_until = clock_timestamp() + coalesce((p->>'lease_ms')::int, 30000) * interval '1 millisecond'
      from due where o.id = due.id
    returning o.id, o.workflow_id, o.seq, o.topic, o.payload, o.attempts, o.created_at
  )
  select coalesce(jsonb_agg(to_jsonb(taken) order by taken.created_at), '[]'::jsonb) into claimed from taken;
  return claimed;
end $$;
