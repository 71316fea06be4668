/**
 * The safeguarding narratives, sealed (AES-256-GCM, @caregraph/platform/crypto) before they are
 * written and opened when a field is resolved: the database holds only ciphertext. The same
 * columns carry the 'caregraph:encrypted' marker in the migrations (test/encryption.test.ts checks
 * both agree), which is how `npm run keys:rotate` finds them.
 *
 * Everything else in this domain is dates, codes and ids, apart from the source agency and the
 * strategy discussion's agencies (organisation names, not narrative) — left in clear.
 */
import { encryptedColumns } from "@caregraph/platform/crypto";

export const ENCRYPTED = encryptedColumns("safeguarding", {
  /** Concern.summary: what the concern is, in the practitioner's words. */
  concernSummary: { table: "concern", column: "summary" },
  /** SafeguardingTask.acknowledgementNote: what the team manager decided on an escalation. */
  acknowledgementNote: { table: "safeguarding_task", column: "acknowledgement_note" },
});
