-- CreateEnum
CREATE TYPE "ConsentKind" AS ENUM ('MEDICAL_TREATMENT', 'IMMUNISATION', 'SHARING_WITH_AGENCY');

-- CreateEnum
CREATE TYPE "ConsentDecision" AS ENUM ('GIVEN', 'REFUSED');

-- CreateEnum
CREATE TYPE "ConsentGivenBy" AS ENUM ('CHILD', 'PARENT', 'LOCAL_AUTHORITY');

-- CreateEnum
CREATE TYPE "ConsentBasis" AS ENUM ('ADULT', 'PRESUMED_COMPETENT_16_17', 'GILLICK_COMPETENT', 'PARENTAL_RESPONSIBILITY', 'CARE_ORDER');

-- CreateEnum
CREATE TYPE "HealthTaskKind" AS ENUM ('DENTAL_CHECK', 'SDQ');

-- CreateTable
CREATE TABLE "immunisation" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "vaccine" TEXT NOT NULL,
    "given_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "immunisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dental_check" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "checked_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dental_check_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sdq" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "completed_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sdq_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "ConsentKind" NOT NULL,
    "decision" "ConsentDecision" NOT NULL,
    "given_by" "ConsentGivenBy" NOT NULL,
    "basis" "ConsentBasis" NOT NULL,
    "given_on" DATE NOT NULL,
    "agency" TEXT,
    "gillick_assessed_on" DATE,
    "gillick_assessed_by" TEXT,
    "gillick_about" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "health_task" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "HealthTaskKind" NOT NULL,
    "scheduled_from" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "explanation" TEXT NOT NULL,
    "completed_on" DATE,
    "cancelled_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_task_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "immunisation_tenant_child_id_given_on_idx" ON "immunisation"("tenant", "child_id", "given_on");

-- CreateIndex
CREATE INDEX "dental_check_tenant_child_id_checked_on_idx" ON "dental_check"("tenant", "child_id", "checked_on");

-- CreateIndex
CREATE INDEX "sdq_tenant_child_id_completed_on_idx" ON "sdq"("tenant", "child_id", "completed_on");

-- CreateIndex
CREATE INDEX "consent_tenant_child_id_given_on_idx" ON "consent"("tenant", "child_id", "given_on");

-- CreateIndex
CREATE INDEX "health_task_tenant_child_id_kind_idx" ON "health_task"("tenant", "child_id", "kind");
