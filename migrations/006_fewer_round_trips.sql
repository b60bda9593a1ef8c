-- Fewer round trips per workflow (bench/ANALYSIS.md): a commit may come from a replica that did not read the
-- workflow first, so the commit itself checks what the read used to; a new workflow's first event is committed
-- with its creation; and transitions of many workflows can be committed in one statement.

-- Same effects as in 002, but each statement runs only when there is something for it to do: most transitions
-- start one task and finish one, and the empty statements were most of this function's cost (bench --sql-profile).
create or replace function cf_apply_effects(p_workflow uuid, p jsonb) returns jsonb language plpgsql as $$
declare
  started jsonb := '[]'::jsonb;
  lease interval := coalesce((p->>'lease_ms')::int, 30000) * interval '1 millisecond';
begin
  if p->>'consume_timer' is not null then
    delete from workflow_timers where workflow_id = p_workflow and send_id = p->>'consume_timer';
  end if;
  if jsonb_typeof(p->'finish_task') = 'object' then
    update workflow_tasks
       set status = p->'finish_task'->>'status', outcome = p->'finish_task'->'outcome',
           finished_at = clock_timestamp(), lease_owner = null, lease_until = null
     where id = (p->'finish_task'->>'task_id')::uuid and status = 'running';
  end if;
  if jsonb_array_length(coalesce(p->'timers_cancel', '[]'::jsonb)) > 0 then
    delete from workflow_timers
     where workflow_id = p_workflow
       and send_id in (select jsonb_array_elements_text(p->'timers_cancel'));
  end if;
  if jsonb_array_length(coalesce(p->'timers_add', '[]'::jsonb)) > 0 then
    insert into workflow_timers (workflow_id, send_id, event, due_at)
    select p_workflow, t->>'send_id', t->'event', clock_timestamp() + (t->>'delay_ms')::numeric * interval '1 millisecond'
      from jsonb_array_elements(p->'timers_add') t
    on conflict (workflow_id, send_id) do update
      set event = excluded.event, due_at = excluded.due_at, lease_owner = null, lease_until = null;
  end if;
  if jsonb_array_length(coalesce(p->'tasks_stop', '[]'::jsonb)) > 0 then
    update workflow_tasks set status = 'cancelled', finished_at = clock_timestamp(), lease_owner = null, lease_until = null
     where workflow_id = p_workflow and status = 'running'
       and actor_id in (select jsonb_array_elements_text(p->'tasks_stop'));
  end if;
  if jsonb_array_length(coalesce(p->'tasks_start', '[]'::jsonb)) > 0 then
    with inserted as (
      insert into workflow_tasks (workflow_id, actor_id, src, input, status, lease_owner, lease_until)
      select p_workflow, t->>'actor_id', t->>'src', coalesce(t->'input', 'null'::jsonb), 'running',
             p->>'owner', clock_timestamp() + lease
        from jsonb_array_elements(p->'tasks_start') t
      returning id, workflow_id, actor_id, src, input, runs
    )
    select coalesce(jsonb_agg(to_jsonb(inserted)), '[]'::jsonb) into started from inserted;
  end if;
  return started;
end $$;

-- plpgsql for the same reason as cf_get_workflow (002): a non-inlinable sql function is planned at every call.
create or replace function cf_insert_history(p_workflow uuid, p_seq integer, p_history jsonb, p_replica text)
returns void language plpgsql as $$
begin
  insert into workflow_events (workflow_id, seq, type, from_state, to_state, detail, replica)
  values (p_workflow, p_seq, p_history->>'type', p_history->>'from_state', p_history->>'to_state',
          coalesce(p_history->'detail', '{}'::jsonb), p_replica);
end $$;

create or replace function cf_enqueue_outbox(p_workflow uuid, p_seq integer, p jsonb) returns void language plpgsql as $$
begin
  if jsonb_array_length(coalesce(p->'outbox', '[]'::jsonb)) > 0 then
    insert into workflow_outbox (workflow_id, seq, topic, payload)
    select p_workflow, p_seq, m->>'topic', m->'payload' from jsonb_array_elements(p->'outbox') m;
  end if;
end $$;

-- A step result may only be recorded by the replica that holds the task's lease. A lease taken over by another
-- replica does not bump the workflow's version, so the version check alone cannot see it: answer 'stale' and let
-- the engine read the workflow and record the late result as ignored. The task row is locked until commit, so a
-- concurrent takeover (cf_claim_work skips locked rows) cannot slip in between the check and the update.
create or replace function cf_commit_transition(p jsonb) returns jsonb language plpgsql as $$
declare
  w workflows;
  started jsonb;
begin
  if jsonb_typeof(p->'finish_task') = 'object' and p->>'owner' is not null then
    perform 1 from workflow_tasks
      where id = (p->'finish_task'->>'task_id')::uuid and status = 'running' and lease_owner = p->>'owner'
      for update;
    if not found then
      return jsonb_build_object('ok', false, 'reason',
        case when exists (select 1 from workflows where id = (p->>'workflow_id')::uuid) then 'stale' else 'not_found' end);
    end if;
  end if;
  update workflows
     set snapshot = p->'snapshot', state = p->>'state', error = p->'error', results = p->'results',
         view = coalesce(p->'view', view), machine_version = coalesce((p->>'machine_version')::int, machine_version),
         version = version + 1, updated_at = clock_timestamp()
   where id = (p->>'workflow_id')::uuid and version = (p->>'expected_version')::int
  returning * into w;
  if not found then
    return jsonb_build_object('ok', false, 'reason',
      case when exists (select 1 from workflows where id = (p->>'workflow_id')::uuid) then 'version_conflict' else 'not_found' end);
  end if;
  perform cf_insert_history(w.id, w.version, p->'history', p->>'owner');
  perform cf_enqueue_outbox(w.id, w.version, p);
  started := cf_apply_effects(w.id, p);
  return jsonb_build_object('ok', true, 'version', w.version, 'updated_at', w.updated_at, 'tasks', started);
end $$;

-- cf_create_workflow (002), plus `then`: the workflow's first event (START) committed in the same transaction,
-- so a new workflow needs no due-now timer, no claim and no read before it moves on. Answered as `then`.
create or replace function cf_start_workflow(p jsonb) returns jsonb language plpgsql as $$
declare
  created jsonb := cf_create_workflow(p);
begin
  if not (created->>'created')::boolean or jsonb_typeof(p->'then') <> 'object' then
    return created;
  end if;
  return created || jsonb_build_object('then', cf_commit_transition(p->'then' || jsonb_build_object(
    'workflow_id', created->'workflow'->'id', 'expected_version', 1, 'owner', p->'owner', 'lease_ms', p->'lease_ms')));
end $$;

-- Group commit: the transitions one replica has ready at the same moment, in one statement and one WAL flush.
-- Each item is checked and answered on its own, as cf_commit_transition would; the answers keep the items' order.
create or replace function cf_commit_transitions(p jsonb) returns jsonb language plpgsql as $$
declare
  item jsonb;
  answers jsonb := '[]'::jsonb;
begin
  for item in select value from jsonb_array_elements(coalesce(p->'items', '[]'::jsonb)) loop
    answers := answers || jsonb_build_array(cf_commit_transition(item));
  end loop;
  return answers;
end $$;

-- A group commit holds the task rows it finishes until it commits; a renewal or a release that waited for them
-- could deadlock with it (each holding rows the other wants). Neither needs to wait: a task row locked right now
-- is being finished or claimed, and is reported as still held when this owner still holds it as last committed.
create or replace function cf_renew_leases(p jsonb) returns jsonb language plpgsql as $$
declare
  held jsonb;
begin
  with asked as (
    select (jsonb_array_elements_text(coalesce(p->'task_ids', '[]'::jsonb)))::uuid as id
  ), mine as (
    select t.id from workflow_tasks t join asked using (id)
     where t.lease_owner = p->>'owner' and t.status = 'running'
  ), lockable as (
    select t.id from workflow_tasks t join mine using (id) for update of t skip locked
  ), renewed as (
    update workflow_tasks t set lease_until = clock_timestamp() + coalesce((p->>'lease_ms')::int, 30000) * interval '1 millisecond'
      from lockable where t.id = lockable.id
  )
  select coalesce(jsonb_agg(id), '[]'::jsonb) into held from mine;
  return jsonb_build_object('renewed', held);
end $$;

create or replace function cf_release_leases(p jsonb) returns jsonb language plpgsql as $$
declare
  n_tasks integer;
  n_timers integer;
begin
  with lockable as (
    select id from workflow_tasks where lease_owner = p->>'owner' and status = 'running' for update skip locked
  )
  update workflow_tasks t set lease_until = clock_timestamp() - interval '1 millisecond' from lockable where t.id = lockable.id;
  get diagnostics n_tasks = row_count;
  with lockable as (
    select workflow_id, send_id from workflow_timers where lease_owner = p->>'owner' for update skip locked
  )
  update workflow_timers t set lease_owner = null, lease_until = null
    from lockable where t.workflow_id = lockable.workflow_id and t.send_id = lockable.send_id;
  get diagnostics n_timers = row_count;
  return jsonb_build_object('tasks', n_tasks, 'timers', n_timers);
end $$;

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
alter table workflow_tasks alter column id set default cf_uuid7();
alter table workflow_outbox alter column id set default cf_uuid7();
