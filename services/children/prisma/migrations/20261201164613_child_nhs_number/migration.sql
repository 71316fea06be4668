-- AlterTable
ALTER TABLE "child" ADD COLUMN     "nhs_number" TEXT;

-- CreateIndex
CREATE INDEX "child_tenant_nhs_number_idx" ON "child"("tenant", "nhs_number");

-- CreateIndex
CREATE INDEX "child_tenant_upn_idx" ON "child"("tenant", "upn");
