import type { ChronologyEntry } from "@caregraph/platform";
import type { LocalDate } from "@caregraph/platform/calendar";

const KIND_WORDS: Record<string, string> = {
  COURT_ORDER: "Court order",
  ASSESSMENT: "Assessment",
  CARE_PLAN: "Care plan",
  PATHWAY_PLAN: "Pathway plan",
  REVIEW_RECORD: "Review record",
  HEALTH_ASSESSMENT: "Health assessment",
  PERSONAL_EDUCATION_PLAN: "Personal education plan",
  CONSENT: "Consent form",
  LETTER: "Letter",
  CORRESPONDENCE: "Correspondence",
  REPORT: "Report",
  PHOTO: "Photograph",
  OTHER: "Document",
};

/** DocumentAttached in the chronology: the kind and version only (no title, file name or content). */
export const documentAttachedEntry = (d: { documentId: string; kind: string; version: number }, at: Date, on: LocalDate): ChronologyEntry => ({
  entryId: `document:${d.documentId}:v${d.version}`,
  kind: "DocumentAttached",
  on,
  at: at.toISOString(),
  summary: d.version === 1 ? `${KIND_WORDS[d.kind] ?? "Document"} added to the file` : `${KIND_WORDS[d.kind] ?? "Document"} updated (version ${d.version})`,
});
