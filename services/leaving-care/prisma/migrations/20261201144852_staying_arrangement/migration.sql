-- CreateEnum
CREATE TYPE "StayingArrangementKind" AS ENUM ('STAYING_PUT', 'STAYING_CLOSE');

-- CreateTable
CREATE TABLE "staying_arrangement" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "StayingArrangementKind" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staying_arrangement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "staying_arrangement_tenant_child_id_start_date_idx" ON "staying_arrangement"("tenant", "child_id", "start_date");
