-- CreateTable
CREATE TABLE "information_sharing_agreement" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "partner" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "purpose" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by" TEXT,
    "revoke_reason" TEXT,

    CONSTRAINT "information_sharing_agreement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "information_sharing_agreement_tenant_child_id_partner_idx" ON "information_sharing_agreement"("tenant", "child_id", "partner");
