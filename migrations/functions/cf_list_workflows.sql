create or replace function cf_list_workflows(p jsonb) returns jsonb language sql stable as $$
  select coalesce(jsonb_agg(x.row order by x.created_at desc, x.id desc), '[]'::jsonb) from (
    select w.created_at, w.id,
           to_jsonb(w) - 'snapshot' - 'results' as row
      from workflows w
     where (p->>'user_id' is null or w.user_id = p->>'user_id')
       and (p->>'state' is null or w.state = p->>'state')
       and (p->>'before_created_at' is null
            or (w.created_at, w.id) < ((p->>'before_created_at')::timestamptz, (p->>'before_id')::uuid))
     order by w.created_at desc, w.id desc
     limit coalesce((p->>'limit')::int, 50)
  ) x
$$;
