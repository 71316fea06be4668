-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "LeavingCareStatus" AS ENUM ('ELIGIBLE', 'RELEVANT', 'FORMER_RELEVANT', 'QUALIFYING', 'NOT_ELIGIBLE');

-- CreateTable
CREATE TABLE "leaving_care_record" (
    "child_id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "date_of_birth" DATE NOT NULL,
    "status" "LeavingCareStatus" NOT NULL DEFAULT 'NOT_ELIGIBLE',
    "reason" TEXT NOT NULL DEFAULT '',
    "checked_on" DATE,
    "eligible_from" DATE,
    "personal_adviser_id" TEXT,
    "support_to_25" BOOLEAN NOT NULL DEFAULT false,
    "needs_assessment_task_id" UUID,
    "needs_assessment_due_date" DATE,
    "needs_assessment_completed_on" DATE,
    "pathway_review_task_id" UUID,
    "pathway_review_due_date" DATE,
    "pathway_plan_reviewed_on" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "leaving_care_record_pkey" PRIMARY KEY ("child_id")
);

-- CreateTable
CREATE TABLE "care_period" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "care_period_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "leaving_care_record_tenant_checked_on_idx" ON "leaving_care_record"("tenant", "checked_on");

-- CreateIndex
CREATE INDEX "care_period_tenant_child_id_start_date_idx" ON "care_period"("tenant", "child_id", "start_date");
