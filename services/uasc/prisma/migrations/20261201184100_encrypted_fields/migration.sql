-- Field-level encryption (AES-256-GCM, @caregraph/platform/crypto): these columns hold only
-- sealed values; the marker is how `npm run keys:rotate` finds them (src/encrypted-fields.ts).
-- Rows written before this migration stay clear text until `npm run keys:rotate` seals them.
COMMENT ON COLUMN "uasc_record"."home_office_reference" IS 'caregraph:encrypted id=child_id';
COMMENT ON COLUMN "uasc_record"."legal_representative" IS 'caregraph:encrypted id=child_id';
