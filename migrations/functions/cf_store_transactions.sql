create or replace function cf_store_transactions(p jsonb) returns jsonb language plpgsql as $$
declare
  n integer;
begin
  insert into transactions (workflow_id, transaction_id, user_id, booked_on, amount, currency, label, category, confidence, raw)
  select (p->>'workflow_id')::uuid, t->>'id', p->>'user_id', (t->>'date')::date, (t->>'amount')::numeric,
         t->>'currency', t->>'label', t->>'category', (t->>'confidence')::numeric, t->'raw'
    from jsonb_array_elements(coalesce(p->'transactions', '[]'::jsonb)) t
  on conflict (workflow_id, transaction_id) do update
    set booked_on = excluded.booked_on, amount = excluded.amount, currency = excluded.currency, label = excluded.label,
        category = excluded.category, confidence = excluded.confidence, raw = excluded.raw;
  get diagnostics n = row_count;
  return jsonb_build_object('stored', n);
end $$;
