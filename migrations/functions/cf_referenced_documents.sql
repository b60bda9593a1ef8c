-- Which of the given upload paths a workflow references (the sweeper deletes only the others).
create or replace function cf_referenced_documents(p jsonb) returns jsonb language plpgsql stable as $$
begin
  return coalesce((
    select jsonb_agg(distinct w.document_path) from workflows w
     where w.document_path like 'uploads/%'
       and w.document_path in (select jsonb_array_elements_text(p->'document_paths'))), '[]'::jsonb);
end $$;
