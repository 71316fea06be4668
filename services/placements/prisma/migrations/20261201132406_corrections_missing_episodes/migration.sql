-- CreateEnum
CREATE TYPE "MissingKind" AS ENUM ('MISSING', 'AWAY');

-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "intended_to_last_until_18" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "previous_placement_id" UUID,
ADD COLUMN     "void_reason" TEXT,
ADD COLUMN     "voided_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "missing_episode" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "MissingKind" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "return_interview_due_at" TIMESTAMPTZ(3),
    "return_interview_offered_at" TIMESTAMPTZ(3),
    "return_interview_held_at" TIMESTAMPTZ(3),
    "return_interview_declined" BOOLEAN NOT NULL DEFAULT false,
    "return_interview_by" TEXT,
    "return_interview_cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "missing_episode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "missing_episode_tenant_child_id_started_at_idx" ON "missing_episode"("tenant", "child_id", "started_at");

-- Backfill: placements already recorded take the default from their PLACE code (long-term foster U1, U4).
UPDATE "placement" SET "intended_to_last_until_18" = true WHERE "type" IN ('U1', 'U4');
