-- Idempotency keys as draft-ietf-httpapi-idempotency-key-header has them: a key is bound to the request that
-- first used it (a SHA-256 of the canonical request), so the same key with another request is refused (422)
-- instead of replaying a workflow made from different input. Scoped per principal (`scope`), reserved before the
-- workflow is created, so a request that loses a race never creates anything. `workflow_id` is the id the
-- workflow gets (no foreign key: the row exists before the workflow, and outlives a crash between the two).
create table if not exists idempotency_requests (
  scope text not null,
  key text not null,
  request_hash text not null,
  workflow_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

-- The orphan-upload sweeper asks which stored uploads a workflow references; only uploads are indexed.
create index if not exists workflows_upload_document_path on workflows (document_path) where document_path like 'uploads/%';
