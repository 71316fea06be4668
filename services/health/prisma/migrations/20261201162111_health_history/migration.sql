-- CreateEnum
CREATE TYPE "RegistrationKind" AS ENUM ('GP', 'DENTIST', 'OPTICIAN');

-- CreateEnum
CREATE TYPE "CamhsOutcome" AS ENUM ('ACCEPTED', 'REFUSED');

-- CreateEnum
CREATE TYPE "MedicalHistoryKind" AS ENUM ('CONDITION', 'ALLERGY', 'MEDICATION');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "HealthTaskKind" ADD VALUE 'GP_REGISTRATION';
ALTER TYPE "HealthTaskKind" ADD VALUE 'DENTIST_REGISTRATION';
ALTER TYPE "HealthTaskKind" ADD VALUE 'OPTICIAN_REGISTRATION';

-- CreateTable
CREATE TABLE "health_registration" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "RegistrationKind" NOT NULL,
    "practice" TEXT NOT NULL,
    "registered_on" DATE NOT NULL,
    "ended_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "camhs_referral" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "referred_on" DATE NOT NULL,
    "outcome" "CamhsOutcome",
    "decided_on" DATE,
    "first_seen_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "camhs_referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "substance_misuse" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "identified_on" DATE NOT NULL,
    "intervention_offered_on" DATE,
    "intervention_received_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "substance_misuse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "medical_history_item" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "MedicalHistoryKind" NOT NULL,
    "description" TEXT NOT NULL,
    "since" DATE,
    "ended_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "medical_history_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "health_action_plan_action" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "assessment_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "due_date" DATE NOT NULL,
    "completed_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_action_plan_action_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "health_registration_tenant_child_id_kind_idx" ON "health_registration"("tenant", "child_id", "kind");

-- CreateIndex
CREATE INDEX "camhs_referral_tenant_child_id_referred_on_idx" ON "camhs_referral"("tenant", "child_id", "referred_on");

-- CreateIndex
CREATE INDEX "substance_misuse_tenant_child_id_identified_on_idx" ON "substance_misuse"("tenant", "child_id", "identified_on");

-- CreateIndex
CREATE INDEX "medical_history_item_tenant_child_id_idx" ON "medical_history_item"("tenant", "child_id");

-- CreateIndex
CREATE INDEX "health_action_plan_action_tenant_child_id_due_date_idx" ON "health_action_plan_action"("tenant", "child_id", "due_date");
