import { chronologyEntryRecorded, chronologyEntryWithdrawn, NewEvent } from "@caregraph/platform";
import { fromUtc } from "@caregraph/platform/calendar";
import type { HealthAssessment } from "./generated/prisma/client";

/**
 * What the health domain tells the child's chronology: that an assessment was done, its kind and
 * day — never the note (clinical notes are hidden from some readers of this domain).
 */
const WHAT = { INITIAL: "Initial health assessment done", REVIEW: "Review health assessment done" } as const;

const entryId = (a: HealthAssessment) => `health-assessment:${a.id}`;

/** A completed assessment (recorded, or corrected: the same entry replaced). */
export function assessmentDone(a: HealthAssessment & { completedOn: Date }): NewEvent {
  return chronologyEntryRecorded(a.childId, {
    entryId: entryId(a),
    kind: a.kind === "INITIAL" ? "InitialHealthAssessment" : "ReviewHealthAssessment",
    on: fromUtc(a.completedOn),
    summary: `${WHAT[a.kind]}${a.reason === "PLACEMENT_MOVE" ? " (the review after a placement move)" : ""}`,
  });
}

/** A completion voided as entered in error: the chronology forgets it (the task may open again). */
export const assessmentVoided = (a: HealthAssessment): NewEvent => chronologyEntryWithdrawn(a.childId, entryId(a), "health assessment voided as entered in error");
