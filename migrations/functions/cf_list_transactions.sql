-- With user_id, only that user's rows; without it (a service acting for every user), the workflow's rows.
create or replace function cf_list_transactions(p jsonb) returns jsonb language sql stable as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', t.transaction_id, 'date', t.booked_on, 'amount', t.amount::text, 'currency', t.currency,
           'label', t.label, 'category', t.category, 'confidence', t.confidence) order by t.booked_on, t.transaction_id), '[]'::jsonb)
    from transactions t
   where t.workflow_id = (p->>'workflow_id')::uuid
     and (p->>'user_id' is null or t.user_id = p->>'user_id')
$$;
