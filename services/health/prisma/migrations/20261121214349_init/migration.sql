-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "HealthAssessmentKind" AS ENUM ('INITIAL', 'REVIEW');

-- CreateEnum
CREATE TYPE "HealthAssessmentReason" AS ENUM ('BECAME_LOOKED_AFTER', 'PLACEMENT_MOVE', 'PERIODIC_REVIEW', 'RECORDED');

-- CreateTable
CREATE TABLE "health_assessment" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "HealthAssessmentKind" NOT NULL,
    "reason" "HealthAssessmentReason" NOT NULL,
    "scheduled_from" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "completed_on" DATE,
    "cancelled_on" DATE,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "health_assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "known_child" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "date_of_birth" DATE NOT NULL,
    "looked_after_since" DATE,
    "archived_at" TIMESTAMPTZ(3),

    CONSTRAINT "known_child_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_event" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "tenant" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "child_id" TEXT,
    "request_id" TEXT,
    "details" JSONB NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "health_assessment_tenant_child_id_due_date_idx" ON "health_assessment"("tenant", "child_id", "due_date");

-- CreateIndex
CREATE INDEX "known_child_tenant_idx" ON "known_child"("tenant");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

-- CreateIndex
CREATE INDEX "audit_entry_tenant_child_id_idx" ON "audit_entry"("tenant", "child_id");
