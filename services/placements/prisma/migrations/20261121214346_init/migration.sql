-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PlacementType" AS ENUM ('A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'K3', 'P1', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1', 'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z11', 'Z12', 'Z13', 'Z14');

-- CreateEnum
CREATE TYPE "PlacementProvider" AS ENUM ('PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5');

-- CreateEnum
CREATE TYPE "PlacementChangeReason" AS ENUM ('CARPL', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'CUSTOD', 'CLOSE', 'OTHER');

-- CreateTable
CREATE TABLE "placement" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "type" "PlacementType" NOT NULL,
    "provider" "PlacementProvider",
    "postcode" TEXT,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "reason_for_change" "PlacementChangeReason",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "placement_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "placement_tenant_child_id_start_date_idx" ON "placement"("tenant", "child_id", "start_date");

-- CreateIndex
CREATE INDEX "known_child_tenant_idx" ON "known_child"("tenant");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

-- CreateIndex
CREATE INDEX "audit_entry_tenant_child_id_idx" ON "audit_entry"("tenant", "child_id");
