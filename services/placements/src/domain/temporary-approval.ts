import { addDays, compareDates, daysAfterExplained, DueDate, formatDate, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { CONNECTED_PERSON, PlacementType } from "./codes";

/**
 * CPPCR 2010 reg 24: where it is necessary to place a child with a connected person (a relative,
 * friend or other person connected with the child) before they are approved as a foster parent,
 * the authority may approve them temporarily for a period not exceeding 16 weeks; reg 25 lets it
 * extend the approval once, by up to 8 weeks. Visits while it lasts: weekly until the first review,
 * then at intervals of not more than 4 weeks (reg 28(4)).
 * Uncertain: reg 25 as amended (2013) also allows a further extension in some cases (an
 * application to the independent review mechanism); that is not modelled: one extension only.
 */
export const TEMPORARY_APPROVAL_AUTHORITY = "Care Planning, Placement and Case Review (England) Regulations 2010 regs 24 and 25";
export const MAX_WEEKS = 16;
export const EXTENSION_WEEKS = 8;

/** The latest day a temporary approval may end on: 16 weeks after the placement starts. */
export const latestEnd = (startDate: LocalDate): DueDate => daysAfterExplained(startDate, MAX_WEEKS * 7, "the placement started", "weeks");

/** A new temporary approval: a connected person's foster placement, ending after it starts and at most 16 weeks on. */
export function checkTemporaryApproval(type: PlacementType, startDate: LocalDate, endsOn: LocalDate, field = "input.temporaryApprovalEndsOn"): void {
  if (!CONNECTED_PERSON.includes(type)) {
    invalidInput(field, "CONNECTED_PERSON_ONLY", "temporary approval (CPPCR 2010 reg 24) is for a placement with a relative or friend (U1–U3)");
  }
  if (compareDates(endsOn, startDate) <= 0) invalidInput(field, "END_AFTER_START", `must be after the placement starts (${startDate})`);
  const latest = latestEnd(startDate);
  if (compareDates(endsOn, latest.date) > 0) {
    invalidInput(field, "AT_MOST_16_WEEKS", `temporary approval lasts at most 16 weeks (CPPCR 2010 reg 24): no later than ${latest.date}, ${latest.workings}`);
  }
}

export interface Approval {
  endsOn: LocalDate;
  extended: boolean;
}

/** One extension of up to 8 weeks (reg 25), agreed before the approval lapses. */
export function checkExtension(approval: Approval | null, endsOn: LocalDate, today: LocalDate): void {
  if (!approval) invalidInput("input.placementId", "HAS_TEMPORARY_APPROVAL", "this placement has no temporary approval of a connected person to extend");
  if (approval.extended) invalidInput("input.placementId", "EXTENDED_ONCE", "a temporary approval can be extended only once (CPPCR 2010 reg 25)");
  if (compareDates(today, approval.endsOn) >= 0) {
    invalidInput("input.placementId", "NOT_LAPSED", `the temporary approval lapsed on ${approval.endsOn}; it can no longer be extended`);
  }
  if (compareDates(endsOn, approval.endsOn) <= 0) invalidInput("input.endsOn", "LATER_THAN_CURRENT", `must be after the current end (${approval.endsOn})`);
  const latest = daysAfterExplained(approval.endsOn, EXTENSION_WEEKS * 7, "the approval's current end", "weeks");
  if (compareDates(endsOn, latest.date) > 0) {
    invalidInput("input.endsOn", "AT_MOST_8_WEEKS", `an extension is of at most 8 weeks (CPPCR 2010 reg 25): no later than ${latest.date}, ${latest.workings}`);
  }
}

/** The work-tray task: decide (full approval as a foster parent, extend, or move the child) by the day before the approval lapses. */
export function approvalDecisionDue(endsOn: LocalDate, extended: boolean): DueDate {
  return {
    date: addDays(endsOn, -1),
    workings: `the day before the temporary approval${extended ? " (as extended)" : ""} lapses on ${formatDate(endsOn)}`,
  };
}

/**
 * A corrected temporary approval (entered wrongly): the same limits as when it was given, counted
 * from the placement's start: at most 16 weeks (reg 24), or 24 once extended (reg 25's 8 weeks on).
 */
export function checkApprovalCorrection(type: PlacementType, startDate: LocalDate, endsOn: LocalDate, extended: boolean): void {
  if (!extended) return checkTemporaryApproval(type, startDate, endsOn, "input.endsOn");
  if (compareDates(endsOn, startDate) <= 0) invalidInput("input.endsOn", "END_AFTER_START", `must be after the placement starts (${startDate})`);
  const latest = daysAfterExplained(startDate, (MAX_WEEKS + EXTENSION_WEEKS) * 7, "the placement started", "weeks");
  if (compareDates(endsOn, latest.date) > 0) {
    invalidInput("input.endsOn", "AT_MOST_24_WEEKS", `an extended temporary approval lasts at most 24 weeks in all (CPPCR 2010 regs 24 and 25): no later than ${latest.date}, ${latest.workings}`);
  }
}
