-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ImmigrationStatus" AS ENUM ('ASYLUM_CLAIMED', 'ASYLUM_REFUSED', 'REFUGEE_STATUS', 'HUMANITARIAN_PROTECTION', 'UASC_LEAVE', 'DISCRETIONARY_LEAVE', 'LIMITED_LEAVE_TO_REMAIN', 'INDEFINITE_LEAVE_TO_REMAIN', 'APPEAL_PENDING', 'APPEAL_RIGHTS_EXHAUSTED', 'BRITISH_CITIZEN');

-- CreateEnum
CREATE TYPE "AgeAssessmentOutcome" AS ENUM ('ACCEPTED', 'DISPUTED_OLDER', 'DISPUTED_YOUNGER');

-- CreateEnum
CREATE TYPE "AppealTier" AS ENUM ('FIRST_TIER_TRIBUNAL', 'UPPER_TRIBUNAL');

-- CreateEnum
CREATE TYPE "AppealOutcome" AS ENUM ('ALLOWED', 'DISMISSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "FamilyTracingService" AS ENUM ('BRITISH_RED_CROSS', 'INTERNATIONAL_SOCIAL_SERVICE', 'OTHER');

-- CreateEnum
CREATE TYPE "FamilyTracingOutcome" AS ENUM ('FAMILY_FOUND', 'NOT_FOUND', 'CHILD_WITHDREW', 'CLOSED');

-- CreateEnum
CREATE TYPE "UascCeasedReason" AS ENUM ('REACHED_18', 'AGE_ASSESSED_AS_ADULT', 'REUNITED_WITH_FAMILY', 'OTHER');

-- CreateTable
CREATE TABLE "uasc_record" (
    "child_id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "home_office_reference" TEXT,
    "legal_representative" TEXT,
    "interpreter_language" TEXT,
    "nts_referred_on" DATE,
    "nts_transferred_on" DATE,
    "nts_receiving_authority" TEXT,
    "ceased_to_be_uasc_on" DATE,
    "ceased_reason" "UascCeasedReason",
    "renewal_task_id" UUID,
    "renewal_due_date" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "uasc_record_pkey" PRIMARY KEY ("child_id")
);

-- CreateTable
CREATE TABLE "immigration_status" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "status" "ImmigrationStatus" NOT NULL,
    "decided_on" DATE,
    "effective_on" DATE NOT NULL,
    "leave_expires_on" DATE,
    "further_leave_applied_on" DATE,
    "seq" SERIAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "immigration_status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "age_assessment" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "assessed_on" DATE NOT NULL,
    "outcome" "AgeAssessmentOutcome" NOT NULL,
    "assessors" TEXT[],
    "interpreter_language" TEXT,
    "interpreter_present" BOOLEAN,
    "appropriate_adult_present" BOOLEAN,
    "child_informed_on" DATE,
    "assessed_date_of_birth" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "age_assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appeal" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "tier" "AppealTier" NOT NULL,
    "lodged_on" DATE NOT NULL,
    "heard_on" DATE,
    "outcome" "AppealOutcome",
    "decided_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "family_tracing_referral" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "referred_on" DATE NOT NULL,
    "traced_by" "FamilyTracingService" NOT NULL,
    "outcome" "FamilyTracingOutcome",
    "outcome_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "family_tracing_referral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "uasc_record_tenant_idx" ON "uasc_record"("tenant");

-- CreateIndex
CREATE INDEX "immigration_status_tenant_child_id_effective_on_idx" ON "immigration_status"("tenant", "child_id", "effective_on");

-- CreateIndex
CREATE INDEX "age_assessment_tenant_child_id_assessed_on_idx" ON "age_assessment"("tenant", "child_id", "assessed_on");

-- CreateIndex
CREATE INDEX "appeal_tenant_child_id_lodged_on_idx" ON "appeal"("tenant", "child_id", "lodged_on");

-- CreateIndex
CREATE INDEX "family_tracing_referral_tenant_child_id_referred_on_idx" ON "family_tracing_referral"("tenant", "child_id", "referred_on");
