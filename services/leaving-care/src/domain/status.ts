import { addDays, birthday, compareDates, DueDate, LocalDate, monthsAfterExplained } from "@caregraph/platform/calendar";

/**
 * Leaving-care status: a pure function of the date of birth, the periods of care and a date.
 *
 * Sources (see the statutory-timescales table, rows 12–14):
 * - ELIGIBLE: Children Act 1989 Sch 2 para 19B and the Care Planning, Placement and Case Review
 *   (England) Regulations 2010 (CPPCR) reg 40(1): looked after for a total of at least 13 weeks
 *   which began after the 14th birthday and ended after the 16th, still looked after, aged 16 or 17.
 *   The 13-week count is implemented as 91 days looked after (start day counted, end day not).
 *   A period made only of pre-planned short breaks (DfE legal status V3/V4, CPPCR 2010 reg 48) is
 *   left out of the count: our reading of reg 40(2), whose primary text was NOT verified here.
 *   One function to change: `countsTowardsEligibility`.
 * - RELEVANT: CA 1989 s.23A and reg 40 — aged 16 or 17, not looked after, and was an eligible child
 *   when they ceased to be looked after. The primary text of s.23A (and the detention/hospital
 *   cases of reg 40(2)) was NOT verified here.
 * - FORMER_RELEVANT: CA 1989 s.23C — aged 18 to 20 (up to 25 if the young person asks for
 *   support, s.23CZB as inserted by the Children and Social Work Act 2017), having been eligible or
 *   relevant on the day before the 18th birthday. NOT VERIFIED here: the exact age bands.
 * - QUALIFYING: CA 1989 s.24 — under 21, looked after at some time on or after the 16th birthday but
 *   not eligible (simplified: the special guardianship and other s.24(1A) routes are not modelled).
 *   NOT VERIFIED here.
 * - NOT_ELIGIBLE: none of the above.
 */
export type LeavingCareStatus = "ELIGIBLE" | "RELEVANT" | "FORMER_RELEVANT" | "QUALIFYING" | "NOT_ELIGIBLE";

/** One period of care: looked after from `start` until `end` (the day care ended; null while still looked after). */
export interface CarePeriod {
  start: LocalDate;
  end: LocalDate | null;
  /** Every legal status in the period was a short break (DfE V3/V4). */
  shortBreaksOnly?: boolean;
}

export interface StatusInput {
  dateOfBirth: LocalDate;
  periods: CarePeriod[];
  on: LocalDate;
  /** The young person has asked for support beyond 21 (CA 1989 s.23CZB): former relevant up to 25. */
  supportTo25?: boolean;
}

export interface StatusResult {
  status: LeavingCareStatus;
  reason: string;
  /** The day the young person became (or would have become) an eligible child, if they did by `on`. */
  eligibleFrom: LocalDate | null;
}

/** 13 weeks (CA 1989 Sch 2 para 19B(2)(b); CPPCR 2010 reg 40(1)). */
export const THIRTEEN_WEEKS_DAYS = 91;


/** The DfE SSDA903 legal statuses that are short breaks (V3 individual episodes, V4 agreed series). */
export const SHORT_BREAK_CODES = ["V3", "V4"];

/** Whether a period counts towards the 13 weeks: not if it was short breaks only (reg 40(2) as read here; not verified). */
export const countsTowardsEligibility = (p: CarePeriod): boolean => !p.shortBreaksOnly;

const maxDate = (a: LocalDate, b: LocalDate) => (compareDates(a, b) >= 0 ? a : b);
const minDate = (a: LocalDate, b: LocalDate) => (compareDates(a, b) <= 0 ? a : b);
const daysBetween = (from: LocalDate, to: LocalDate) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Sorted, validated periods: start before end; an open period only last. */
function sorted(periods: CarePeriod[]): CarePeriod[] {
  return [...periods].sort((a, b) => compareDates(a.start, b.start));
}

/** Days looked after since the 14th birthday up to (not including) `until`. */
export function daysLookedAfterSince14(dateOfBirth: LocalDate, periods: CarePeriod[], until: LocalDate): number {
  const from14 = birthday(dateOfBirth, 14);
  let total = 0;
  for (const p of sorted(periods).filter(countsTowardsEligibility)) {
    const start = maxDate(p.start, from14);
    const end = minDate(p.end ?? until, until);
    if (compareDates(end, start) > 0) total += daysBetween(start, end);
  }
  return total;
}

const lookedAfterOn = (periods: CarePeriod[], on: LocalDate) =>
  periods.filter(countsTowardsEligibility).some((p) => compareDates(p.start, on) <= 0 && (p.end === null || compareDates(p.end, on) > 0));

/**
 * The first day, from the 16th birthday up to `on` (and before the 18th birthday), on which the
 * child is looked after with at least 13 weeks counted since the 14th birthday (days before that
 * day), or null. Day by day: at most two years of days, so simple beats clever.
 */
export function eligibleFrom(dateOfBirth: LocalDate, periods: CarePeriod[], on: LocalDate): LocalDate | null {
  const b18 = birthday(dateOfBirth, 18);
  const last = minDate(on, addDays(b18, -1));
  for (let d = birthday(dateOfBirth, 16); compareDates(d, last) <= 0; d = addDays(d, 1)) {
    if (lookedAfterOn(periods, d) && daysLookedAfterSince14(dateOfBirth, periods, d) >= THIRTEEN_WEEKS_DAYS) return d;
  }
  return null;
}


/** The leaving-care status on a date, with the reason in plain words. */
export function leavingCareStatus(input: StatusInput): StatusResult {
  const { dateOfBirth, on } = input;
  // Short-break-only periods play no part in any status (see countsTowardsEligibility).
  const periods = sorted(input.periods).filter((p) => compareDates(p.start, on) <= 0 && countsTowardsEligibility(p));
  const b16 = birthday(dateOfBirth, 16);
  const b18 = birthday(dateOfBirth, 18);
  const b21 = birthday(dateOfBirth, 21);
  const b25 = birthday(dateOfBirth, 25);
  const age16to17 = compareDates(on, b16) >= 0 && compareDates(on, b18) < 0;
  const eligibleDay = eligibleFrom(dateOfBirth, periods, on);
  const counted = daysLookedAfterSince14(dateOfBirth, periods, on);
  const weeks = `${Math.floor(counted / 7)} weeks ${counted % 7} days`;

  if (compareDates(on, b16) < 0) {
    return { status: "NOT_ELIGIBLE", reason: `under 16 (16th birthday ${b16}); looked after ${weeks} since the 14th birthday`, eligibleFrom: null };
  }
  if (age16to17) {
    if (lookedAfterOn(periods, on)) {
      if (eligibleDay) {
        return {
          status: "ELIGIBLE",
          reason: `aged 16 or 17, still looked after, and looked after ${weeks} in total since the 14th birthday (at least 13 weeks: CPPCR 2010 reg 40(1)); eligible from ${eligibleDay}`,
          eligibleFrom: eligibleDay,
        };
      }
      return {
        status: "NOT_ELIGIBLE",
        reason: `looked after, but only ${weeks} since the 14th birthday: 13 weeks are needed to be an eligible child (CPPCR 2010 reg 40(1))`,
        eligibleFrom: null,
      };
    }
    if (eligibleDay) {
      return {
        status: "RELEVANT",
        reason: `aged 16 or 17, no longer looked after, and was an eligible child from ${eligibleDay} (CA 1989 s.23A)`,
        eligibleFrom: eligibleDay,
      };
    }
    if (periods.some((p) => p.end === null || compareDates(p.end, b16) > 0)) {
      return { status: "QUALIFYING", reason: "looked after on or after the 16th birthday but not an eligible child (CA 1989 s.24)", eligibleFrom: null };
    }
    return { status: "NOT_ELIGIBLE", reason: "not looked after (other than on short breaks) on or after the 16th birthday", eligibleFrom: null };
  }
  // 18 or over: eligible or relevant the day before the 18th birthday?
  const dayBefore18 = addDays(b18, -1);
  const at18 = eligibleFrom(dateOfBirth, periods, dayBefore18);
  const upTo = input.supportTo25 ? b25 : b21;
  if (at18 && compareDates(on, upTo) < 0) {
    return {
      status: "FORMER_RELEVANT",
      reason: `aged 18 or over and was an eligible or relevant child when 18 (CA 1989 s.23C); supported until ${upTo}${input.supportTo25 ? " on request (s.23CZB)" : ""}`,
      eligibleFrom: at18,
    };
  }
  if (at18) return { status: "NOT_ELIGIBLE", reason: `former relevant support ended on ${upTo}`, eligibleFrom: at18 };
  if (compareDates(on, b21) < 0 && periods.some((p) => p.end === null || compareDates(p.end, b16) > 0)) {
    return { status: "QUALIFYING", reason: "under 21 and looked after on or after the 16th birthday, but not an eligible child (CA 1989 s.24)", eligibleFrom: null };
  }
  return { status: "NOT_ELIGIBLE", reason: compareDates(on, b21) >= 0 ? "aged 21 or over" : "not looked after (other than on short breaks) on or after the 16th birthday", eligibleFrom: null };
}

export const NEEDS_ASSESSMENT_AUTHORITY = "CPPCR 2010 reg 42(1)";
export const PATHWAY_REVIEW_AUTHORITY = "Care Leavers (England) Regulations 2010 (6-monthly review; primary text not verified here)";

/**
 * Needs assessment due not more than 3 months after the 16th birthday, or after becoming eligible
 * if that is later (CPPCR 2010 reg 42(1)).
 */
export function needsAssessmentDue(dateOfBirth: LocalDate, eligibleDay: LocalDate): DueDate {
  const b16 = birthday(dateOfBirth, 16);
  return compareDates(eligibleDay, b16) > 0
    ? monthsAfterExplained(eligibleDay, 3, "becoming an eligible child")
    : monthsAfterExplained(b16, 3, "the 16th birthday");
}

/**
 * Pathway plan review within 6 months of the last review — or of the needs assessment the plan
 * followed (CPPCR reg 43). The 6-month interval: Care Leavers (England) Regulations 2010; the
 * primary text was NOT verified here (only the Welsh 2001 regulations' reg 9 was seen). One
 * function to change.
 */
export function pathwayPlanReviewDue(lastReviewOrAssessment: LocalDate, isReview: boolean): DueDate {
  return monthsAfterExplained(lastReviewOrAssessment, 6, isReview ? "the last pathway plan review" : "the needs assessment");
}
