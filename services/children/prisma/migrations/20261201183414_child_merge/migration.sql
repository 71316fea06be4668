-- AlterTable
ALTER TABLE "child" ADD COLUMN     "merge_event_id" UUID,
ADD COLUMN     "merge_reason" TEXT,
ADD COLUMN     "merged_at" TIMESTAMPTZ(3),
ADD COLUMN     "merged_by" TEXT,
ADD COLUMN     "merged_into" UUID;

-- CreateIndex
CREATE INDEX "child_merged_into_idx" ON "child"("merged_into");
