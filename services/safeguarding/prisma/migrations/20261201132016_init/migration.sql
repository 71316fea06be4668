-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ConcernCategory" AS ENUM ('PHYSICAL_ABUSE', 'EMOTIONAL_ABUSE', 'SEXUAL_ABUSE', 'NEGLECT', 'EXPLOITATION');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "StrategyOutcome" AS ENUM ('SECTION_47', 'SECTION_17', 'NO_FURTHER_ACTION');

-- CreateEnum
CREATE TYPE "Section47Outcome" AS ENUM ('CONFERENCE', 'CHILD_IN_NEED', 'NO_FURTHER_ACTION');

-- CreateEnum
CREATE TYPE "ConferenceKind" AS ENUM ('INITIAL', 'REVIEW');

-- CreateEnum
CREATE TYPE "PlanCategory" AS ENUM ('NEGLECT', 'PHYSICAL_ABUSE', 'EMOTIONAL_ABUSE', 'SEXUAL_ABUSE');

-- CreateTable
CREATE TABLE "concern" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "category" "ConcernCategory" NOT NULL,
    "risk_level" "RiskLevel" NOT NULL,
    "likelihood" INTEGER,
    "impact" INTEGER,
    "risk_score" INTEGER,
    "summary" TEXT NOT NULL,
    "source_agency" TEXT,
    "raised_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "concern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "strategy_discussion" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "held_on" DATE NOT NULL,
    "outcome" "StrategyOutcome" NOT NULL,
    "agencies" TEXT[],
    "section47_enquiry_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "strategy_discussion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "section47_enquiry" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "started_on" DATE NOT NULL,
    "latest_discussion_on" DATE NOT NULL,
    "outcome" "Section47Outcome",
    "completed_on" DATE,
    "initial_conference_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "section47_enquiry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "child_protection_conference" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "ConferenceKind" NOT NULL,
    "held_on" DATE NOT NULL,
    "plan_category" "PlanCategory",
    "section47_enquiry_id" UUID,
    "plan_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "child_protection_conference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "child_protection_plan" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "category" "PlanCategory" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "initial_conference_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "child_protection_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "core_group" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "held_on" DATE NOT NULL,
    "plan_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "core_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safeguarding_task" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "task" TEXT NOT NULL,
    "due_date" DATE NOT NULL,
    "authority" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "assigned_role" TEXT,
    "section47_enquiry_id" UUID,
    "plan_id" UUID,
    "concern_id" UUID,
    "escalates_task_id" UUID,
    "completed_on" DATE,
    "cancelled_on" DATE,
    "cancel_reason" TEXT,
    "escalated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "safeguarding_task_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "concern_tenant_child_id_raised_on_idx" ON "concern"("tenant", "child_id", "raised_on");

-- CreateIndex
CREATE INDEX "strategy_discussion_tenant_child_id_held_on_idx" ON "strategy_discussion"("tenant", "child_id", "held_on");

-- CreateIndex
CREATE UNIQUE INDEX "section47_enquiry_initial_conference_id_key" ON "section47_enquiry"("initial_conference_id");

-- CreateIndex
CREATE INDEX "section47_enquiry_tenant_child_id_started_on_idx" ON "section47_enquiry"("tenant", "child_id", "started_on");

-- CreateIndex
CREATE INDEX "child_protection_conference_tenant_child_id_held_on_idx" ON "child_protection_conference"("tenant", "child_id", "held_on");

-- CreateIndex
CREATE INDEX "child_protection_plan_tenant_child_id_start_date_idx" ON "child_protection_plan"("tenant", "child_id", "start_date");

-- CreateIndex
CREATE INDEX "core_group_tenant_child_id_held_on_idx" ON "core_group"("tenant", "child_id", "held_on");

-- CreateIndex
CREATE INDEX "safeguarding_task_tenant_child_id_due_date_idx" ON "safeguarding_task"("tenant", "child_id", "due_date");

-- CreateIndex
CREATE INDEX "safeguarding_task_task_due_date_idx" ON "safeguarding_task"("task", "due_date");
