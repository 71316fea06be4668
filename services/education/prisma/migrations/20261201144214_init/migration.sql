-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PepKind" AS ENUM ('INITIAL', 'REVIEW', 'RECORDED');

-- CreateTable
CREATE TABLE "personal_education_plan" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "PepKind" NOT NULL,
    "scheduled_from" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "completed_on" DATE,
    "cancelled_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "personal_education_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "school_stability_check" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "placement_id" TEXT,
    "move_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "cancelled_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "school_stability_check_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "term" TEXT NOT NULL,
    "term_start" DATE NOT NULL,
    "possible_sessions" INTEGER NOT NULL,
    "attended_sessions" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "personal_education_plan_tenant_child_id_due_date_idx" ON "personal_education_plan"("tenant", "child_id", "due_date");

-- CreateIndex
CREATE INDEX "school_stability_check_tenant_child_id_idx" ON "school_stability_check"("tenant", "child_id");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_tenant_child_id_term_key" ON "attendance"("tenant", "child_id", "term");
