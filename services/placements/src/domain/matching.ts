import { ageOn, compareDates, LocalDate, monthsAfterExplained, DueDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { distanceFromHome, OVER_MILES } from "./distance";

/**
 * Fostering Services (England) Regulations 2011 reg 28: a foster parent's approval is reviewed at
 * intervals of not more than a year (reg 28(2)); the terms of approval say which children (age
 * range, how many) they may care for.
 */
export const FOSTER_REVIEW_AUTHORITY = "Fostering Services (England) Regulations 2011 reg 28";

export function annualReviewDue(approvedOn: LocalDate, lastReviewedOn: LocalDate | null): DueDate {
  return lastReviewedOn ? monthsAfterExplained(lastReviewedOn, 12, "the last review") : monthsAfterExplained(approvedOn, 12, "approval");
}

export type OfstedRating = "OUTSTANDING" | "GOOD" | "REQUIRES_IMPROVEMENT" | "INADEQUATE";

export function checkAgeRange(ageFrom: number, ageTo: number, field = "input.ageTo"): void {
  if (ageFrom < 0 || ageTo > 25 || ageTo < ageFrom) invalidInput(field, "AGE_RANGE", "an age range from 0 to 25, the upper not below the lower");
}

/** An open vacancy as matching reads it. */
export interface VacancyFacts {
  ageFrom: number;
  ageTo: number;
  places: number;
  /** The provider's Ofsted rating (children's homes, agencies), if any. */
  ofstedRating: OfstedRating | null;
  /** A foster carer's approval: its annual review date (reg 28) and whether it is overdue. */
  carerReviewDue: LocalDate | null;
  /** How many children the carer may care for, and how many live there now. */
  carerMaxChildren: number | null;
  /** Where the place is (PL_POST to be). */
  postcode?: string | null;
}

/** What matching knows of the child beyond age: home postcode (HOME_POST) and siblings (family domain events). */
export interface ChildFacts {
  homePostcode: string | null;
  /** Siblings known to CareGraph (linked records in the family domain). */
  siblings: number;
  /** Of them, those already matched with this vacancy's carer or home (placed together). */
  siblingsMatchedHere: number;
}

const NO_FACTS: ChildFacts = { homePostcode: null, siblings: 0, siblingsMatchedHere: 0 };

/** Points for distance from home and siblings together, each with its reason. Weights are a local judgement. */
export const SIBLINGS_TOGETHER_POINTS = 25;
export const NEAR_HOME_POINTS = 15;
export const FAR_FROM_HOME_POINTS = -15;

export interface Match {
  score: number;
  reasons: string[];
}

const OFSTED_POINTS: Record<OfstedRating, number> = { OUTSTANDING: 20, GOOD: 15, REQUIRES_IMPROVEMENT: 0, INADEQUATE: -50 };

/**
 * Decision support for a team manager's choice: a vacancy the child's age falls outside of is no
 * match (the carer's terms of approval or the home's statement of purpose); the rest are scored
 * with every reason said: age, Ofsted rating, the carer's review, siblings placed together
 * (Children Act 1989 s22C(8)(c): siblings accommodated together where practicable), and distance
 * from home (s22C(8)(a): near home; over 20 miles is the DfE's flag). The s22C paragraph letters
 * were not checked against the Act here (not in the domain notes); the weights are a local judgement. Distance uses the stand-in
 * district centroids (distance.ts): unknown gives no points and says why. Not yet weighed: specialisms vs needs.
 */
export function matchVacancy(dateOfBirth: LocalDate, v: VacancyFacts, today: LocalDate, child: ChildFacts = NO_FACTS): Match | null {
  const age = ageOn(dateOfBirth, today);
  if (age < v.ageFrom || age > v.ageTo || v.places < 1) return null;
  const reasons = [`aged ${age}, within the vacancy's age range ${v.ageFrom}–${v.ageTo} (+50)`];
  let score = 50;
  if (v.ofstedRating) {
    score += OFSTED_POINTS[v.ofstedRating];
    reasons.push(`Ofsted ${v.ofstedRating.toLowerCase().replace(/_/g, " ")} (${OFSTED_POINTS[v.ofstedRating] >= 0 ? "+" : ""}${OFSTED_POINTS[v.ofstedRating]})`);
  }
  if (v.carerReviewDue) {
    const overdue = compareDates(v.carerReviewDue, today) < 0;
    score += overdue ? -20 : 10;
    reasons.push(overdue ? `the carer's annual review was due ${v.carerReviewDue} (reg 28) and is overdue (-20)` : `the carer's approval is in date, reviewed by ${v.carerReviewDue} (+10)`);
  }
  if (child.siblingsMatchedHere > 0) {
    score += SIBLINGS_TOGETHER_POINTS;
    reasons.push(`placed together with ${child.siblingsMatchedHere} sibling${child.siblingsMatchedHere === 1 ? "" : "s"} already matched with this carer or home (+${SIBLINGS_TOGETHER_POINTS})`);
  } else if (child.siblings > 0) {
    reasons.push(`${child.siblings} sibling${child.siblings === 1 ? "" : "s"} known, none matched with this carer or home (0)`);
  }
  if (v.places > 1) {
    score += 5;
    reasons.push(`${v.places} places (room for a sibling) (+5)`);
  }
  const d = distanceFromHome(child.homePostcode, v.postcode ?? null);
  if (d.miles === null) {
    reasons.push(`distance from home unknown: ${d.reason} (0)`);
  } else if (d.over20Miles) {
    score += FAR_FROM_HOME_POINTS;
    reasons.push(`${d.miles} miles from home, more than ${OVER_MILES} (${FAR_FROM_HOME_POINTS})`);
  } else {
    score += NEAR_HOME_POINTS;
    reasons.push(`${d.miles} miles from home, within ${OVER_MILES} (+${NEAR_HOME_POINTS})`);
  }
  return { score, reasons };
}

/** A vacancy with a foster carer stays inside the carer's terms of approval. */
export function checkWithinTerms(v: { ageFrom: number; ageTo: number; places: number }, terms: { ageFrom: number; ageTo: number; maxChildren: number }): void {
  if (v.ageFrom < terms.ageFrom || v.ageTo > terms.ageTo) {
    invalidInput("input.ageFrom", "WITHIN_TERMS_OF_APPROVAL", `the carer is approved for children aged ${terms.ageFrom}–${terms.ageTo}`);
  }
  if (v.places > terms.maxChildren) invalidInput("input.places", "WITHIN_TERMS_OF_APPROVAL", `the carer is approved for at most ${terms.maxChildren} children`);
}
