-- RLS on the service's tables: `workflows`, the runner's bookkeeping, idempotency keys and every table referencing `workflows`,
-- whichever migration adds it (the runner calls this after every numbered file and after the function files; SQL
-- applied by hand ends with `select cf_secure_schema();`). A Supabase project's own tables in the schema are left alone. On Supabase the API
-- roles lose direct access to these tables but for what the policies below let a signed-in user read, and every
-- cf_ function is reserved to the service role: EXECUTE on a new function is granted to PUBLIC, and on Supabase to
-- anon and authenticated by default privileges.
create or replace function cf_secure_schema() returns void language plpgsql as $$
declare
  rel regclass;
  fn regprocedure;
  on_supabase boolean := exists (select 1 from pg_roles where rolname = 'anon')
                     and exists (select 1 from pg_roles where rolname = 'authenticated')
                     and exists (select 1 from pg_roles where rolname = 'service_role');
begin
  for rel in select 'workflows'::regclass union select 'schema_migrations'::regclass
             union select to_regclass('schema_functions') where to_regclass('schema_functions') is not null
             union select to_regclass('idempotency_requests') where to_regclass('idempotency_requests') is not null
             union select conrelid::regclass from pg_constraint where contype = 'f' and confrelid = 'workflows'::regclass loop
    execute format('alter table %s enable row level security', rel);
    if on_supabase then
      execute format('revoke all on table %s from anon, authenticated', rel);
      -- The functions run as their caller (security invoker), so the service role needs the tables themselves.
      execute format('grant select, insert, update, delete on table %s to service_role', rel);
    end if;
  end loop;
  if not on_supabase then
    return;
  end if;
  for rel in select to_regclass(t) from unnest(array['workflows', 'workflow_events', 'transactions']) t
              where to_regclass(t) is not null loop
    execute format('grant select on table %s to authenticated', rel);
  end loop;
  for fn in select p.oid::regprocedure from pg_proc p
             where p.pronamespace = current_schema()::regnamespace and p.proname like 'cf\_%' loop
    execute format('revoke execute on function %s from public, anon, authenticated', fn);
    execute format('grant execute on function %s to service_role', fn);
  end loop;
end $$;
