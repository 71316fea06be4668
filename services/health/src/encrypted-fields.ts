/**
 * Health notes and medical history, sealed (AES-256-GCM, @caregraph/platform/crypto) before they
 * are written and opened when a field is resolved: the database holds only ciphertext. The same
 * columns carry the 'caregraph:encrypted' marker in the migrations (test/encryption.test.ts checks
 * both agree), which is how `npm run keys:rotate` finds them.
 *
 * Left in clear, on purpose: a health plan action's text and owner (published to the work tray as
 * a StatutoryTaskScheduled task, which its readers need), a void reason (why a record was
 * corrected; it is the cancel reason of a published task), practice names and vaccine names.
 */
import { encryptedColumns } from "@caregraph/platform/crypto";

export const ENCRYPTED = encryptedColumns("health", {
  /** HealthAssessment.note: free text from whoever recorded the assessment. */
  assessmentNote: { table: "health_assessment", column: "note" },
  /** MedicalHistoryItem.description: the condition, allergy or medication (UK GDPR art. 9). */
  medicalHistory: { table: "medical_history_item", column: "description" },
});
