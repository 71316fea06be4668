-- AlterEnum
ALTER TYPE "HealthTaskKind" ADD VALUE 'OPTICIAN_CHECK';

-- CreateTable
CREATE TABLE "optician_check" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "checked_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "optician_check_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "optician_check_tenant_child_id_checked_on_idx" ON "optician_check"("tenant", "child_id", "checked_on");
