import { birthday, compareDates, DueDate, explain, formatDate, LocalDate, workingDaysAfterExplained } from "@caregraph/platform/calendar";
import { describeTerm, nextTermAfter } from "./terms";

/**
 * Personal Education Plans (PEPs) and the virtual school's tasks. Pure rules: no I/O.
 *
 * Source: DfE statutory guidance "Promoting the education of looked-after children and previously
 * looked-after children" (February 2018), read with the Care Planning, Placement and Case Review
 * (England) Regulations 2010. The primary text was NOT read here: the timescales below are those
 * of the CareGraph brief and domain notes; each is one function to change.
 */

/**
 * First PEP: part of the care plan, ready for the first looked-after review, i.e. within 20 working
 * days of becoming looked after (2018 guidance; CPPCR 2010 reg 33(1): first review within 20
 * working days). In an emergency placement the PEP is due within 10 working days (the brief's
 * reading of the 2018 guidance; the primary text was not read here).
 */
export function firstPepDue(lookedAfterSince: LocalDate, emergency = false, startsAtAge: number | null = null): DueDate {
  if (startsAtAge !== null) {
    // CareGraph's rule: a child in care before PEPs start gets the first within 20 working days of that birthday.
    return workingDaysAfterExplained(lookedAfterSince, 20, `the ${ordinal(startsAtAge)} birthday (PEPs start at ${startsAtAge}; looked after since before then)`);
  }
  return emergency
    ? workingDaysAfterExplained(lookedAfterSince, 10, "becoming looked after in an emergency placement")
    : workingDaysAfterExplained(lookedAfterSince, 20, "becoming looked after");
}

/**
 * The age PEPs start at. Local procedures read the 2018 guidance as "every looked-after child aged
 * 3 to 18" (the age the early education entitlement begins); some authorities start at 2. The
 * primary text was not read here: this is the ONE function to change (per tenant) when that is settled.
 */
export function pepStartAge(_tenant: string): number {
  return 3;
}

/**
 * When the first PEP's clock starts: on becoming looked after, or — for a child who came into care
 * younger than PEPs start — on the birthday they start (`startsAtAge` says which).
 */
export function firstPepClock(tenant: string, lookedAfterSince: LocalDate, dateOfBirth: LocalDate | null): { from: LocalDate; startsAtAge: number | null } {
  const age = pepStartAge(tenant);
  const starts = dateOfBirth ? birthday(dateOfBirth, age) : null;
  return starts && compareDates(starts, lookedAfterSince) > 0 ? { from: starts, startsAtAge: age } : { from: lookedAfterSince, startsAtAge: null };
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

/**
 * PEP review: the PEP is reviewed every school term (2018 guidance). CareGraph's rule: the next
 * review is due by the last day of the first term that starts after the PEP was done (done in the
 * autumn term or the Christmas holiday → due by the end of the spring term). Term dates: ./terms.
 */
export function pepReviewDue(tenant: string, completedOn: LocalDate): DueDate {
  const term = nextTermAfter(tenant, completedOn);
  return { date: term.end, workings: `the end of ${describeTerm(term)}, the term after the PEP done on ${formatDate(completedOn)}` };
}

/**
 * School stability after a placement move: the virtual school head checks whether the child can
 * stay at their school, or arranges a new one without delay (2018 guidance: a school move only in
 * the child's interests; CPPCR 2010 reg 10: the education of a child moved is not disrupted).
 * CareGraph's timescale (no statutory one was read here): 5 working days after the move.
 */
export function schoolStabilityDue(moveDate: LocalDate): DueDate {
  return workingDaysAfterExplained(moveDate, 5, "the placement move");
}

export const AUTHORITY = {
  INITIAL: "Promoting the education of looked-after and previously looked-after children (DfE 2018): PEP ready for the first review (20 working days)",
  STARTS_AT_AGE: "Promoting the education of looked-after and previously looked-after children (DfE 2018), as local procedures read it: PEPs from age 3; CareGraph rule: the first within 20 working days of that birthday",
  EMERGENCY: "Promoting the education of looked-after and previously looked-after children (DfE 2018): emergency placement, PEP within 10 working days",
  REVIEW: "Promoting the education of looked-after and previously looked-after children (DfE 2018): PEP reviewed every school term",
  SCHOOL_STABILITY: "Promoting the education of looked-after and previously looked-after children (DfE 2018); CareGraph rule: virtual school checks school stability within 5 working days of a move",
} as const;

const LABEL = { INITIAL: "Personal education plan", REVIEW: "Personal education plan review" } as const;

export type PepKind = keyof typeof LABEL;

/** The work-tray sentence for a PEP, recomputed from the row by the rule that set it. */
export function pepExplanation(
  tenant: string,
  p: { kind: PepKind | "RECORDED"; scheduledFrom: LocalDate; dueDate: LocalDate; emergency?: boolean; startsAtAge?: number | null },
): string {
  if (p.kind === "INITIAL") return explain(LABEL.INITIAL, firstPepDue(p.scheduledFrom, p.emergency, p.startsAtAge ?? null));
  if (p.kind === "REVIEW") return explain(LABEL.REVIEW, pepReviewDue(tenant, p.scheduledFrom));
  return `Personal education plan recorded as done on ${formatDate(p.dueDate)}`;
}

export const schoolStabilityExplanation = (moveDate: LocalDate) => explain("School stability check", schoolStabilityDue(moveDate));

export type Status = "DUE" | "OVERDUE" | "COMPLETED" | "CANCELLED";

export function statusOn(p: { dueDate: LocalDate; completedOn: LocalDate | null; cancelledOn: LocalDate | null }, today: LocalDate): Status {
  if (p.completedOn) return "COMPLETED";
  if (p.cancelledOn) return "CANCELLED";
  return compareDates(p.dueDate, today) < 0 ? "OVERDUE" : "DUE";
}
