-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "temporary_approval_ends_on" DATE,
ADD COLUMN     "temporary_approval_extended" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "temporary_approval_task_open" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "short_break" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "short_break_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "short_break_tenant_child_id_start_date_idx" ON "short_break"("tenant", "child_id", "start_date");
