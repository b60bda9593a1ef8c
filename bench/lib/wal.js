// WAL written per workflow. pg_current_wal_lsn() before and after the measured window gives every byte the
// server wrote in it, the contender's and anyone else's (the server is shared: each contender runs alone, but
// other users of the server write too). pg_walinspect, when the server has it, reads the records of that window
// back and keeps those of the contender's databases: records touching one of their relations, plus every record
// of a transaction that did (its commit record); the difference to the LSN delta is other users' WAL and page
// headers (bench/lib/phases.js creates the extension before the contender starts, and a replication slot keeps
// the segments until they are read). Full-page images are counted apart: how many a window gets depends on when the server's last
// checkpoint happened (every page's first change after one is logged whole), not on the contender. Read right after the window, before a checkpoint can recycle the segments. The same records give the
// write transactions committed and the rows written in the window, whatever the statistics collector has flushed.
import pg from 'pg';
import { dbUrl, PG_BASE } from './pg-admin.js';

const INSPECT_MAX_BYTES = 32 * 2 ** 20;

async function withClient(db, fn) {
  const client = new pg.Client({ connectionString: db ? dbUrl(db) : `${PG_BASE}/postgres`, application_name: 'cf-bench-wal' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Keeps the server from recycling WAL until release(): a temporary physical replication slot reserving WAL from
 * now (a checkpoint during a cell would otherwise remove the segments pg_walinspect reads back). The slot is the
 * session's: it goes when release() closes the connection, or when the bench dies. Null when it cannot be made.
 */
export async function keepWal(name) {
  const client = new pg.Client({ connectionString: `${PG_BASE}/postgres`, application_name: 'cf-bench-wal-slot' });
  try {
    await client.connect();
    await client.query('select pg_create_physical_replication_slot($1, true, true)', [name]);
    return { release: () => client.end().catch(() => undefined) };
  } catch {
    await client.end().catch(() => undefined);
    return null;
  }
}

/** pg_walinspect in the contender's first database, created before it runs (its creation writes WAL). */
export async function prepareWalInspect(db) {
  await withClient(db, (c) => c.query('create extension if not exists pg_walinspect')).catch(() => undefined);
}

export const currentLsn = () => withClient(null, async (c) => (await c.query('select pg_current_wal_lsn()::text as lsn')).rows[0].lsn);

/**
 * Between two LSNs, for the databases `dbs`: lsnDeltaBytes, and from pg_walinspect (null without it) ownBytes
 * (their records without full-page images), fullPageImageBytes (those images), records, commits (commit records of transactions that wrote there) and rows (heap tuples inserted, updated or
 * deleted there, TOAST chunks included, as pg_stat_database counts them).
 */
export async function walBetween(dbs, lsn0, lsn1) {
  return withClient(dbs[0], async (c) => {
    const { rows: [d] } = await c.query(
      `select pg_wal_lsn_diff($2::pg_lsn, $1::pg_lsn)::float8 as bytes, least($2::pg_lsn, $1::pg_lsn + $3::numeric)::text as upto,
              pg_wal_lsn_diff(least($2::pg_lsn, $1::pg_lsn + $3::numeric), $1::pg_lsn)::float8 as inspected`,
      [lsn0, lsn1, INSPECT_MAX_BYTES]);
    // Decoding WAL costs about as much as writing it: past INSPECT_MAX_BYTES, the window's first part is read and
    // the counts scaled to the whole (the load is steady over a window: the warm-up came before it).
    const scale = d.inspected > 0 ? d.bytes / d.inspected : 1;
    const t0 = Date.now();
    try {
      const { rows: oids } = await c.query('select oid::text as oid from pg_database where datname = any($1)', [dbs]);
      const pattern = `rel \\d+/(${oids.map((o) => o.oid).join('|')})/`;
      const { rows: [w] } = await c.query(
        `with r as (select xid, resource_manager as rm, record_type as type, record_length, fpi_length, description, block_ref
                      from pg_get_wal_records_info($1::pg_lsn, $2::pg_lsn)),
              mine as (select distinct xid from r where xid <> '0'::xid and block_ref ~ $3),
              own as (select * from r where block_ref ~ $3 or xid in (select xid from mine))
         select coalesce(sum(record_length - fpi_length), 0)::float8 as own, coalesce(sum(fpi_length), 0)::float8 as fpi, count(*)::int as records,
                count(*) filter (where rm = 'Transaction' and type like 'COMMIT%')::int as commits,
                coalesce(sum(case when rm = 'Heap' and type ~ '^(INSERT|UPDATE|HOT_UPDATE|DELETE)' then 1
                                  when rm = 'Heap2' and type ~ '^MULTI_INSERT' then coalesce(substring(description from '^(\\d+) tuples')::int, 1)
                                  else 0 end) filter (where block_ref ~ $3), 0)::int as rows
           from own`,
        [lsn0, d.upto, pattern],
      );
      const x = (v) => Math.round(v * scale);
      return { lsnDeltaBytes: d.bytes, ownBytes: x(w.own), fullPageImageBytes: x(w.fpi), records: x(w.records), commits: x(w.commits), rows: x(w.rows), inspectedShare: Math.round(1000 / scale) / 1000, inspectMs: Date.now() - t0 };
    } catch (error) {
      return { lsnDeltaBytes: d.bytes, ownBytes: null, fullPageImageBytes: null, records: `pg_walinspect unavailable: ${error.message}`, commits: null, rows: null };
    }
  });
}
