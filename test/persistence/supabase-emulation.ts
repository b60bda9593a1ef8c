import pg from 'pg';

/**
 * What a Supabase project has before our migrations run, as far as they depend on it: the API roles (the
 * service role bypasses RLS), `auth.uid()` read from the request's JWT claims, default privileges granting
 * everything in `public` to the API roles, and the Realtime publication. Roles are cluster-wide, so they are
 * created once and left in place (NOLOGIN, no privileges outside the databases that grant them some).
 */
const ROLES = [
  'create role anon nologin noinherit',
  'create role authenticated nologin noinherit',
  'create role service_role nologin noinherit bypassrls',
];

const PROJECT = `
  create schema auth;
  create function auth.uid() returns uuid language sql stable as $$
    select nullif(current_setting('request.jwt.claims', true)::jsonb ->> 'sub', '')::uuid
  $$;
  grant usage on schema auth to anon, authenticated, service_role;
  grant usage on schema public to anon, authenticated, service_role;
  alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
  alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
  alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
  create publication supabase_realtime;
  -- A table of the project's own, which our migrations must leave as it is.
  create table public.project_notes (id integer primary key, body text);
`;

export async function emulateSupabaseProject(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of ROLES) {
      await client.query(sql).catch((error: pg.DatabaseError) => {
        // Already there, or created at the same moment by a concurrent run.
        if (error.code !== '42710' && error.code !== '23505') throw error;
      });
    }
    await client.query(PROJECT);
  } finally {
    await client.end();
  }
}
