-- One page of a workflow's stored transactions in (date, id) order, after the (after_date, after_id) cursor.
-- With user_id, only that user's rows; without it (a service acting for every user), the workflow's rows.
create or replace function cf_list_transactions(p jsonb) returns jsonb language sql stable as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', t.transaction_id, 'date', t.booked_on, 'amount', t.amount::text, 'currency', t.currency,
           'label', t.label, 'category', t.category, 'confidence', t.confidence) order by t.booked_on, t.transaction_id), '[]'::jsonb)
    from (select * from transactions t
           where t.workflow_id = (p->>'workflow_id')::uuid
             and (p->>'user_id' is null or t.user_id = p->>'user_id')
             and (p->>'after_date' is null
                  or (t.booked_on, t.transaction_id) > ((p->>'after_date')::date, p->>'after_id'))
           order by t.booked_on, t.transaction_id
           limit coalesce((p->>'limit')::int, 2147483647)) t
$$;
