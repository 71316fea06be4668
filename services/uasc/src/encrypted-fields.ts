/**
 * The child's immigration details, sealed (AES-256-GCM, @caregraph/platform/crypto) before they
 * are written and opened when a field is resolved: the database holds only ciphertext. The same
 * columns carry the 'caregraph:encrypted' marker in the migrations (test/encryption.test.ts checks
 * both agree), which is how `npm run keys:rotate` finds them.
 *
 * "Immigration details" here = what identifies the child's case to the Home Office and who acts
 * for them in it: the Home Office reference and the legal representative. Neither is searched,
 * compared or made unique in SQL, so no blind index is needed. The statuses, dates, appeal tiers
 * and outcomes stay in clear: the rules (leave renewal, appeals, the SSDA903 UASC table) order and
 * compare them, and they are codes and dates rather than identifying text.
 */
import { encryptedColumns } from "@caregraph/platform/crypto";

export const ENCRYPTED = encryptedColumns("uasc", {
  /** Uasc.homeOfficeReference (one letter and 7 digits). */
  homeOfficeReference: { table: "uasc_record", column: "home_office_reference", idColumn: "child_id" },
  /** Uasc.legalRepresentative: the child's immigration solicitor or adviser. */
  legalRepresentative: { table: "uasc_record", column: "legal_representative", idColumn: "child_id" },
});
