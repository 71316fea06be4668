-- AlterTable
ALTER TABLE "consent" ADD COLUMN     "family_member_id" UUID;

-- AlterTable
ALTER TABLE "health_action_plan_action" ADD COLUMN     "cancelled_on" DATE;

-- CreateTable
CREATE TABLE "parental_responsibility_holder" (
    "family_member_id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "relationship" TEXT NOT NULL,
    "holds_pr" BOOLEAN NOT NULL,
    "effective_on" DATE,

    CONSTRAINT "parental_responsibility_holder_pkey" PRIMARY KEY ("family_member_id")
);

-- CreateIndex
CREATE INDEX "parental_responsibility_holder_tenant_child_id_idx" ON "parental_responsibility_holder"("tenant", "child_id");
