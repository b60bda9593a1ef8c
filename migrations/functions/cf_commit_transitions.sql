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
