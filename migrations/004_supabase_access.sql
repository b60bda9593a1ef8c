-- Supabase access: signed-in users may read their own rows (RLS), front ends may subscribe to `workflows`
-- (Realtime), and only the service role may call the persistence functions. The Supabase parts are guarded, so
-- this file runs unchanged on plain PostgreSQL and PGlite, where those roles, `auth.uid()` and the publication
-- do not exist. The service's own connection owns the tables there, so RLS does not restrict it; on Supabase it
-- uses the service role, which bypasses RLS.

-- Also created by the migration runner; repeated so the file stands alone when applied by the Supabase CLI or
-- SQL editor (then record the versions: insert into schema_migrations (version, name) values ('001', ...)).
create table if not exists schema_migrations (
  version text primary key, name text not null, applied_at timestamptz not null default now());

-- The migration the database is at, or null; plpgsql so it also answers (null) before any migration is recorded.
create or replace function cf_schema_version(p jsonb default '{}'::jsonb) returns jsonb language plpgsql stable as $$
begin
  return (select to_jsonb(max(version)) from schema_migrations);
end $$;

-- RLS on the service's tables: `workflows`, `schema_migrations` and every table referencing `workflows`, whichever
-- migration adds it (the runner calls this after every file; a file applied by hand ends with
-- `select cf_secure_schema();`). A Supabase project's own tables in the schema are left alone. On Supabase the API
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

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'authenticated') and to_regprocedure('auth.uid()') is not null then
    drop policy if exists workflows_select_own on workflows;
    create policy workflows_select_own on workflows for select to authenticated
      using (user_id = (select auth.uid())::text);
    drop policy if exists workflow_events_select_own on workflow_events;
    create policy workflow_events_select_own on workflow_events for select to authenticated
      using (exists (select 1 from workflows w where w.id = workflow_id and w.user_id = (select auth.uid())::text));
    drop policy if exists transactions_select_own on transactions;
    create policy transactions_select_own on transactions for select to authenticated
      using (user_id = (select auth.uid())::text);
  end if;

  if exists (select 1 from pg_publication where pubname = 'supabase_realtime' and not puballtables)
     and not exists (select 1 from pg_publication_tables
                      where pubname = 'supabase_realtime' and schemaname = current_schema() and tablename = 'workflows') then
    execute format('alter publication supabase_realtime add table %I.workflows', current_schema());
  end if;
end $$;

select cf_secure_schema();
