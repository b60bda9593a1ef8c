-- Categorised transactions written by the storing step. The primary key makes a replayed step an upsert,
-- never a duplicate.
create table if not exists transactions (
  workflow_id uuid not null references workflows (id) on delete cascade,
  transaction_id text not null,
  user_id text not null,
  booked_on date not null,
  amount numeric not null,
  currency text not null,
  label text not null,
  category text,
  confidence numeric(4, 3),
  raw jsonb,
  stored_at timestamptz not null default now(),
  primary key (workflow_id, transaction_id)
);
create index if not exists transactions_user_date on transactions (user_id, booked_on);

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

create or replace function cf_list_transactions(p jsonb) returns jsonb language sql stable as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', t.transaction_id, 'date', t.booked_on, 'amount', t.amount::text, 'currency', t.currency,
           'label', t.label, 'category', t.category, 'confidence', t.confidence) order by t.booked_on, t.transaction_id), '[]'::jsonb)
    from transactions t
   where t.workflow_id = (p->>'workflow_id')::uuid and t.user_id = p->>'user_id'
$$;
