-- Audit of reads and changes (issue 9). New columns, all covered by the hash chain (records.ts):
-- kind 'read' | 'change' (NULL on entries written before this migration, whose hash covers only
-- the original columns), the caller's roles, the GraphQL operation, and for reads the child ids
-- and fields read in one request (one row per request per subgraph, not one per child).
ALTER TABLE "audit_entry" ADD COLUMN IF NOT EXISTS "kind" TEXT;
ALTER TABLE "audit_entry" ADD COLUMN IF NOT EXISTS "role" TEXT;
ALTER TABLE "audit_entry" ADD COLUMN IF NOT EXISTS "operation" TEXT;
ALTER TABLE "audit_entry" ADD COLUMN IF NOT EXISTS "child_ids" JSONB;
ALTER TABLE "audit_entry" ADD COLUMN IF NOT EXISTS "fields" JSONB;
CREATE INDEX IF NOT EXISTS "audit_entry_child_ids_idx" ON "audit_entry" USING GIN ("child_ids");
CREATE INDEX IF NOT EXISTS "audit_entry_at_idx" ON "audit_entry" ("at");

-- Append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused whoever asks
-- (the request role also lacks those privileges; see tenant-isolation.ts). Only a superuser who
-- disables triggers can change a row, and the hash chain (`npm run audit:verify`) then shows it.
CREATE OR REPLACE FUNCTION "audit_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER IF EXISTS "audit_entry_no_update_delete" ON "audit_entry";
CREATE TRIGGER "audit_entry_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_entry"
  FOR EACH ROW EXECUTE FUNCTION "audit_entry_append_only"();
DROP TRIGGER IF EXISTS "audit_entry_no_truncate" ON "audit_entry";
CREATE TRIGGER "audit_entry_no_truncate" BEFORE TRUNCATE ON "audit_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_entry_append_only"();

-- The chain is per service schema, across tenants, but a request sees only its tenant's rows
-- (row-level security). This function takes the chain's transaction-scoped lock (writers append
-- one at a time, until their transaction ends) and returns the head of the chain (the last hash,
-- nothing else), running as its owner (the migration role); search_path pinned to this schema.
-- VOLATILE + plpgsql: the SELECT takes its snapshot after the lock is granted.
CREATE OR REPLACE FUNCTION "audit_chain_head"() RETURNS TEXT LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path FROM CURRENT
  AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.audit_entry'));
  RETURN (SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1);
END
$$;

-- The collected trail (audit/trail.ts): every subgraph publishes a copy of each audit entry
-- (without its free-text details) on the topic caregraph.audit; the subgraph that answers
-- Query.auditTrail (children) consumes it into this table of its own schema. Present in every
-- schema so that any service can be the collector; only the collector writes to it.
CREATE TABLE IF NOT EXISTS "audit_trail" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "role" TEXT,
    "operation" TEXT,
    "request_id" TEXT,
    "kind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "child_ids" JSONB NOT NULL,
    "fields" JSONB,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_trail_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX IF NOT EXISTS "audit_trail_service_seq_key" ON "audit_trail"("service", "seq");
CREATE INDEX IF NOT EXISTS "audit_trail_child_ids_idx" ON "audit_trail" USING GIN ("child_ids");
CREATE INDEX IF NOT EXISTS "audit_trail_tenant_at_idx" ON "audit_trail"("tenant", "at");
DROP TRIGGER IF EXISTS "audit_trail_no_update_delete" ON "audit_trail";
CREATE TRIGGER "audit_trail_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_trail"
  FOR EACH ROW EXECUTE FUNCTION "audit_entry_append_only"();
