-- Retention (src/retention.ts): the children whose records were erased. Every consumer drops a late
-- event about one of them, so nothing erased comes back; the id is all that is kept.
CREATE TABLE IF NOT EXISTS "erased_child" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "erased_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "erased_child_pkey" PRIMARY KEY ("id")
);
