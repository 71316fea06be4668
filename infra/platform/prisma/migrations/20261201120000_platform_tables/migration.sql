-- The platform's tables, applied into every service's schema after the service's own migrations
-- (history in _platform_migrations). IF NOT EXISTS: the first three services created these in
-- their own first migration, before the platform owned them.

CREATE TABLE IF NOT EXISTS "known_child" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "date_of_birth" DATE NOT NULL,
    "looked_after_since" DATE,
    "archived_at" TIMESTAMPTZ(3),
    CONSTRAINT "known_child_pkey" PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "known_child_tenant_idx" ON "known_child"("tenant");

CREATE TABLE IF NOT EXISTS "outbox_event" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX IF NOT EXISTS "outbox_event_id_key" ON "outbox_event"("id");
CREATE INDEX IF NOT EXISTS "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

CREATE TABLE IF NOT EXISTS "processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer","event_id")
);

CREATE TABLE IF NOT EXISTS "audit_entry" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "tenant" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "child_id" TEXT,
    "request_id" TEXT,
    "details" JSONB NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("seq")
);
CREATE INDEX IF NOT EXISTS "audit_entry_tenant_child_id_idx" ON "audit_entry"("tenant", "child_id");

-- A mutation sent again with the same Idempotency-Key (a double submit, a retry after a timeout)
-- gets the first answer back instead of making a second record.
CREATE TABLE IF NOT EXISTS "idempotent_request" (
    "tenant" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idempotent_request_pkey" PRIMARY KEY ("tenant", "actor", "key")
);
