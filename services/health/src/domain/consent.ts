import { ageOn, compareDates, formatDate, LocalDate } from "@caregraph/platform/calendar";
import type { Problem } from "./ages";

/**
 * Who may consent to a looked-after child's medical treatment, immunisation or the sharing of their
 * health information, and on what basis:
 * - the child at 16 or 17: presumed able to consent to treatment (Family Law Reform Act 1969 s.8);
 * - the child under 16: only when assessed as competent to make that decision (Gillick v West
 *   Norfolk and Wisbech AHA [1986] AC 112), so the assessment — by whom, when, about what — is recorded;
 * - a person with parental responsibility (Children Act 1989 s.3);
 * - the local authority, which shares parental responsibility under a care order (Children Act
 *   1989 s.33(3)). CareGraph does not hold the legal status here, so it checks only that the child
 *   is looked after; a child accommodated under s.20 gives the local authority no PR (not checked).
 * A child's own decision under 16 without an assessment is refused whether it gives or refuses
 * consent: either way it is the child's decision only if they are competent to make it.
 */
export type Basis = "ADULT" | "PRESUMED_COMPETENT_16_17" | "GILLICK_COMPETENT" | "PARENTAL_RESPONSIBILITY" | "CARE_ORDER";

export interface ConsentInput {
  kind: "MEDICAL_TREATMENT" | "IMMUNISATION" | "SHARING_WITH_AGENCY";
  givenBy: "CHILD" | "PARENT" | "LOCAL_AUTHORITY";
  givenOn: LocalDate;
  agency?: string | null;
  gillickAssessment?: { assessedOn: LocalDate; assessedBy: string } | null;
}

export const FLRA_AGE = 16;

export function consentBasis(c: Pick<ConsentInput, "givenBy" | "givenOn">, dateOfBirth: LocalDate): Basis {
  if (c.givenBy === "PARENT") return "PARENTAL_RESPONSIBILITY";
  if (c.givenBy === "LOCAL_AUTHORITY") return "CARE_ORDER";
  const age = ageOn(dateOfBirth, c.givenOn);
  return age >= 18 ? "ADULT" : age >= FLRA_AGE ? "PRESUMED_COMPETENT_16_17" : "GILLICK_COMPETENT";
}

export function consentProblem(c: ConsentInput, child: { dateOfBirth: LocalDate; lookedAfterSince: LocalDate | null }, today: LocalDate): Problem {
  if (compareDates(c.givenOn, today) > 0) return ["input.givenOn", "NOT_IN_FUTURE", "record a consent decision once it has been made"];
  if (compareDates(c.givenOn, child.dateOfBirth) < 0) return ["input.givenOn", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${child.dateOfBirth})`];
  if (c.kind === "SHARING_WITH_AGENCY" && !c.agency?.trim()) return ["input.agency", "AGENCY_REQUIRED", "consent to share is for a named agency: say which"];
  const g = c.gillickAssessment;
  if (g) {
    if (!g.assessedBy.trim()) return ["input.gillickAssessment.assessedBy", "REQUIRED", "say who assessed the child's competence"];
    if (compareDates(g.assessedOn, c.givenOn) > 0) {
      return ["input.gillickAssessment.assessedOn", "ASSESSED_BEFORE_DECISION", "the competence assessment must be on or before the day of the decision"];
    }
    if (compareDates(g.assessedOn, child.dateOfBirth) < 0) return ["input.gillickAssessment.assessedOn", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${child.dateOfBirth})`];
  }
  if (c.givenBy === "CHILD" && ageOn(child.dateOfBirth, c.givenOn) < FLRA_AGE && !g) {
    return [
      "input.gillickAssessment",
      "GILLICK_COMPETENCE_REQUIRED",
      `the child was ${ageOn(child.dateOfBirth, c.givenOn)} on ${formatDate(c.givenOn)}: under 16 a child's own decision stands only with a recorded Gillick competence assessment (by whom and when); 16 and 17-year-olds are presumed able (Family Law Reform Act 1969 s.8)`,
    ];
  }
  if (c.givenBy === "LOCAL_AUTHORITY" && !child.lookedAfterSince) {
    return ["input.givenBy", "LOCAL_AUTHORITY_LOOKED_AFTER", "the local authority decides as a holder of parental responsibility only for a child it looks after under a care order (Children Act 1989 s.33(3))"];
  }
  return null;
}

/**
 * Whether a family member held parental responsibility on the day of a decision, from the latest
 * change the family domain announced: held from its effective day on; ended on its effective day
 * (so a decision before an ending was theirs to make). Only the latest change is kept here.
 */
export function heldParentalResponsibility(holder: { holdsPr: boolean; effectiveOn: LocalDate | null }, on: LocalDate): boolean {
  if (holder.holdsPr) return holder.effectiveOn === null || compareDates(holder.effectiveOn, on) <= 0;
  return holder.effectiveOn !== null && compareDates(on, holder.effectiveOn) < 0;
}

/**
 * A parent's decision names (optionally) the family member who made it: they must be someone the
 * family domain has recorded for this child as holding parental responsibility on that day. The
 * person is optional so a decision can be recorded before the family record exists.
 */
export function parentProblem(
  c: { givenBy: ConsentInput["givenBy"]; givenOn: LocalDate; familyMemberId?: string | null },
  holder: { holdsPr: boolean; effectiveOn: LocalDate | null } | null,
): Problem {
  if (!c.familyMemberId) return null;
  if (c.givenBy !== "PARENT") return ["input.familyMemberId", "PARENT_ONLY", "name a family member only for a decision by a person with parental responsibility"];
  if (!holder || !heldParentalResponsibility(holder, c.givenOn)) {
    return ["input.familyMemberId", "PARENTAL_RESPONSIBILITY_REQUIRED", `this family member did not hold parental responsibility for the child on ${formatDate(c.givenOn)} (Children Act 1989 s.3)`];
  }
  return null;
}
