-- Partner agencies (issue 11): which children each partner agency may be shown. The children
-- domain records information-sharing agreements and publishes InformationSharingAgreementRecorded
-- / Revoked; every service's child directory keeps this copy and shows a PARTNER token only the
-- children whose agreement for its agency is active today (start_date <= today <= end_date, not
-- revoked). One row per agreement; a child may have several (one per partner, or renewed).
CREATE TABLE IF NOT EXISTS "known_child_share" (
    "agreement_id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "partner" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "known_child_share_pkey" PRIMARY KEY ("agreement_id")
);
CREATE INDEX IF NOT EXISTS "known_child_share_partner_idx" ON "known_child_share"("tenant", "partner", "child_id");
