-- The cut-over to one file per SQL function. Files 001 to 006 are history: what deployed databases ran, never
-- edited. From here on every SQL function lives in migrations/functions/<name>.sql (`create or replace`), the
-- one place its live body is written; the runner re-applies a function file whenever its checksum changes, then
-- the grants. Numbered files keep tables, indexes and drops; a function whose signature or return type changes is
-- dropped by a numbered file and defined anew in its function file (migrations/README.md).

-- The runner creates these too (it needs them before it can read what was applied); repeated so this file stands
-- alone when applied by hand (Supabase CLI or SQL editor).
alter table schema_migrations add column if not exists checksum text;

create table if not exists schema_functions (
  name text primary key,
  checksum text not null,
  applied_at timestamptz not null default now()
);
alter table schema_functions enable row level security;
