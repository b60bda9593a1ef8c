-- The migration the database is at, or null; plpgsql so it also answers (null) before any migration is recorded.
create or replace function cf_schema_version(p jsonb default '{}'::jsonb) returns jsonb language plpgsql stable as $$
begin
  return (select to_jsonb(max(version)) from schema_migrations);
end $$;
