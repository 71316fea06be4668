import { chronologyEntryRecorded, NewEvent } from "@caregraph/platform";
import { formatDate, LocalDate } from "@caregraph/platform/calendar";
import type { LeavingCareStatus } from "./domain/status";

/**
 * What the leaving-care domain tells the child's chronology: status changes with the rule's
 * reason (worked out from dates, never typed), needs assessments, pathway plan reviews, Staying Put
 * and Staying Close. Not the care leaver's circumstances (activity and accommodation are periodic
 * returns, not events in the child's life).
 */
const STATUS: Record<LeavingCareStatus, string> = {
  ELIGIBLE: "eligible child",
  RELEVANT: "relevant child",
  FORMER_RELEVANT: "former relevant child",
  QUALIFYING: "qualifying care leaver",
  NOT_ELIGIBLE: "not eligible for leaving-care support",
};

/** One entry per status and day (a status that moves twice in a day, and back, is one entry per status reached). */
export const statusChanged = (childId: string, c: { status: LeavingCareStatus; previousStatus: LeavingCareStatus; reason: string; on: LocalDate }): NewEvent =>
  chronologyEntryRecorded(childId, {
    entryId: `leaving-care-status:${childId}:${c.on}:${c.status}`,
    kind: "LeavingCareStatusChanged",
    on: c.on,
    summary: `Leaving-care status ${c.status} (${STATUS[c.status]}), was ${c.previousStatus}: ${c.reason}`,
  });

export const needsAssessmentDone = (childId: string, on: LocalDate): NewEvent =>
  chronologyEntryRecorded(childId, { entryId: `leaving-care-needs-assessment:${childId}`, kind: "LeavingCareNeedsAssessment", on, summary: "Leaving-care needs assessment completed" });

export const pathwayPlanReviewed = (childId: string, on: LocalDate): NewEvent =>
  chronologyEntryRecorded(childId, { entryId: `pathway-plan-review:${childId}:${on}`, kind: "PathwayPlanReview", on, summary: "Pathway plan reviewed" });

const ARRANGEMENT = { STAYING_PUT: "Staying Put", STAYING_CLOSE: "Staying Close" } as const;

export const stayingArrangementStarted = (childId: string, a: { id: string; kind: keyof typeof ARRANGEMENT; endDate: LocalDate | null }, on: LocalDate): NewEvent =>
  chronologyEntryRecorded(childId, {
    entryId: `staying-arrangement:${a.id}`,
    kind: a.kind === "STAYING_PUT" ? "StayingPut" : "StayingClose",
    on,
    summary: `${ARRANGEMENT[a.kind]} arrangement began${a.endDate ? ` (until ${formatDate(a.endDate)})` : ""}`,
  });
