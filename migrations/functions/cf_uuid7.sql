-- Time-ordered ids (UUID version 7, RFC 9562: 48 bits of Unix milliseconds, then random bits) for the rows the
-- database names itself. Random (v4) keys put each insert on a random leaf of every index keyed by them, which
-- grows costly once the indexes outgrow the cache; time-ordered keys land together at the right-hand edge.
-- The service names workflows with the `uuid` package's v7 for the same reason.
create or replace function cf_uuid7(p_at timestamptz default clock_timestamp()) returns uuid language sql volatile as $$
  select encode(set_bit(set_bit(
    overlay(uuid_send(gen_random_uuid())
            placing substring(int8send(floor(extract(epoch from p_at) * 1000)::bigint) from 3) from 1 for 6),
    52, 1), 53, 1), 'hex')::uuid
$$;
