-- Duplicate records merged (src/merge.ts, issue 12). known_child.merged_into: a merged child's id
-- answers as the child it was merged into (the directory follows it one step; merges never chain).
ALTER TABLE "known_child" ADD COLUMN IF NOT EXISTS "merged_into" UUID;
CREATE INDEX IF NOT EXISTS "known_child_merged_into_idx" ON "known_child"("merged_into");

-- One row per merge applied in this schema: a redelivered or self-consumed ChildrenMerged (or
-- ChildrenUnmerged) finds it and changes nothing.
CREATE TABLE IF NOT EXISTS "child_merge" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "keep_id" UUID NOT NULL,
    "merge_id" UUID NOT NULL,
    "merged_at" TIMESTAMPTZ(3) NOT NULL,
    "unmerged_at" TIMESTAMPTZ(3),
    -- The merged child's current placement, taken by a kept child that had none (given back on unmerge).
    "took_placement_id" UUID,
    CONSTRAINT "child_merge_pkey" PRIMARY KEY ("id")
);

-- Every row a merge moved from the merged child to the kept one (its table and primary key as it
-- stands after the move), so an unmerge moves exactly those back. No content, ids only.
CREATE TABLE IF NOT EXISTS "merged_row" (
    "merge_event_id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "pk" JSONB NOT NULL,
    "from_child_id" UUID NOT NULL,
    "to_child_id" UUID NOT NULL,
    "moved_at" TIMESTAMPTZ(3) NOT NULL,
    "restored_at" TIMESTAMPTZ(3),
    CONSTRAINT "merged_row_pkey" PRIMARY KEY ("merge_event_id", "table_name", "pk")
);
