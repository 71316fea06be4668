-- AlterTable
ALTER TABLE "safeguarding_task" ADD COLUMN     "acknowledgement_note" TEXT;

-- Field-level encryption (AES-256-GCM, @caregraph/platform/crypto): these columns hold only
-- sealed values; the marker is how `npm run keys:rotate` finds them (src/encrypted-fields.ts).
-- Rows written before this migration stay clear text until `npm run keys:rotate` seals them.
COMMENT ON COLUMN "concern"."summary" IS 'caregraph:encrypted id=id';
COMMENT ON COLUMN "safeguarding_task"."acknowledgement_note" IS 'caregraph:encrypted id=id';
