import { addMonths, ageOn, compareDates, explain, formatDate, LocalDate, monthsAfterExplained, workingDaysAfter, workingDaysAfterExplained } from "@caregraph/platform/calendar";

/**
 * When statutory health assessments of a looked-after child fall due. Pure rules: no I/O.
 */

/**
 * Initial health assessment: before the first looked-after review, i.e. within 20 working days
 * of becoming looked after (CPPCR 2010 reg 7 read with reg 33(1)).
 */
export function initialHealthAssessmentDue(lookedAfterSince: LocalDate): LocalDate {
  return workingDaysAfter(lookedAfterSince, 20);
}

/**
 * The first day an assessment can count as the initial health assessment: 3 calendar months
 * before the child became looked after, clamped to the month's end (31 May − 3 months = 28/29 Feb).
 * CPPCR 2010 reg 7(2)(b): an assessment carried out in the 3 months before the placement stands.
 */
export function initialAssessmentWindowOpens(lookedAfterSince: LocalDate): LocalDate {
  return addMonths(lookedAfterSince, -3);
}

/**
 * Whether a completed assessment can stand in for (or be) the initial health assessment:
 * done on or after the day the 3-month window opens (CPPCR 2010 reg 7(2)(b)). An assessment done
 * after the child became looked after is the IHA itself (it may be recorded before the
 * looked-after event reaches this service: events can arrive out of order).
 */
export function countsAsInitialAssessment(lookedAfterSince: LocalDate, completedOn: LocalDate): boolean {
  return compareDates(completedOn, initialAssessmentWindowOpens(lookedAfterSince)) >= 0;
}

/**
 * No new initial assessment is needed when any one of the child's completed assessments was done
 * in the 3 months before the child became looked after, or since (CPPCR 2010 reg 7(2)(b)
 * exception). Every completion is looked at, not "the last one": which one is last depends on
 * the order corrections and events arrived in, and an older one must never count.
 */
export function recentAssessmentStands(lookedAfterSince: LocalDate, completedOn: readonly LocalDate[]): boolean {
  return completedOn.some((d) => countsAsInitialAssessment(lookedAfterSince, d));
}

/**
 * Review health assessment: at least every 6 months before the child's 5th birthday, at least
 * annually from 5, counted from the last completed assessment ("Promoting the health and
 * well-being of looked-after children", DfE/DHSC statutory guidance 2015, para 35 ff).
 * Age is taken on the day the assessment was done.
 */
export function reviewHealthAssessmentDue(completedOn: LocalDate, dateOfBirth: LocalDate): LocalDate {
  return addMonths(completedOn, ageOn(dateOfBirth, completedOn) < 5 ? 6 : 12);
}

/**
 * A change of placement brings the child's health plan up for review (2015 statutory guidance:
 * the health plan is reviewed when the care plan changes, a placement move being one). CareGraph's
 * rule: a review health assessment due within 20 working days of the move — the same clock as the
 * IHA — unless a review is already due sooner, in which case that one stands.
 */
export function reassessmentAfterMoveDue(moveDate: LocalDate): LocalDate {
  return workingDaysAfter(moveDate, 20);
}

const LABEL = { INITIAL: "Initial health assessment", REVIEW: "Review health assessment" } as const;

/**
 * How an assessment's due date was worked out, for the work tray: the same rule that set it,
 * re-run from the date its clock started.
 */
export function healthAssessmentExplanation(
  a: { kind: "INITIAL" | "REVIEW"; reason: string; scheduledFrom: LocalDate; dueDate: LocalDate },
): string {
  if (a.reason === "BECAME_LOOKED_AFTER") return explain(LABEL[a.kind], workingDaysAfterExplained(a.scheduledFrom, 20, "becoming looked after"));
  if (a.reason === "PLACEMENT_MOVE") return explain(LABEL[a.kind], workingDaysAfterExplained(a.scheduledFrom, 20, "the placement move"));
  if (a.reason === "PERIODIC_REVIEW") {
    const months = [6, 12].find((m) => addMonths(a.scheduledFrom, m) === a.dueDate);
    if (months) return explain(LABEL[a.kind], monthsAfterExplained(a.scheduledFrom, months, "the last assessment"));
  }
  return `${LABEL[a.kind]} recorded as done on ${formatDate(a.dueDate)}`;
}

export type Status = "DUE" | "OVERDUE" | "COMPLETED" | "CANCELLED";

export function statusOn(a: { dueDate: LocalDate; completedOn: LocalDate | null; cancelledOn: LocalDate | null }, today: LocalDate): Status {
  if (a.completedOn) return "COMPLETED";
  if (a.cancelledOn) return "CANCELLED";
  return compareDates(a.dueDate, today) < 0 ? "OVERDUE" : "DUE";
}

export const AUTHORITY = {
  INITIAL: "CPPCR 2010 reg 7 and reg 33(1): before the first review (20 working days)",
  REVIEW: "Promoting the health and well-being of looked-after children (2015): 6-monthly under 5, annually from 5",
  PLACEMENT_MOVE: "CareGraph rule on a placement move: review within 20 working days (2015 statutory guidance, health plan review)",
} as const;
