import { compareDates, formatDate, LocalDate } from "@caregraph/platform/calendar";
import { TEXT_LIMITS } from "@caregraph/platform/graphql";
import { firstProblem, notBefore, notInFuture, pastDate, Problem } from "./problems";

/**
 * A local authority's age assessment of a child whose age is disputed, done as the courts expect
 * ("Merton-compliant": R (B) v London Borough of Merton [2003] EWHC 1689 (Admin), and the ADCS
 * Age Assessment Guidance, October 2015, as quoted by practitioners — the guidance text itself was
 * not read here):
 * - at least two assessors, social workers trained in age assessment (MIN_ASSESSORS);
 * - an interpreter where the child needs one, present at the interviews (Merton: "where an
 *   interpreter is required, it is preferable for him or her to be present");
 * - the child told the outcome and given the chance to answer adverse points (recorded as the
 *   day the child was told);
 * - when the age is disputed, the date of birth the assessors concluded.
 * An appropriate adult is recorded when there was one; case law is divided on whether one is
 * always needed (R (FZ) v Croydon [2011] EWCA Civ 59; R (SB) v RBKC [2023] EWCA Civ 924), so it is
 * not a rule here.
 */
export type AgeAssessmentOutcome = "ACCEPTED" | "DISPUTED_OLDER" | "DISPUTED_YOUNGER";

export const MIN_ASSESSORS = 2;

export interface AgeAssessmentInput {
  assessedOn: LocalDate;
  outcome: AgeAssessmentOutcome;
  assessors: string[];
  interpreterLanguage?: string | null;
  interpreterPresent?: boolean | null;
  childInformedOn?: LocalDate | null;
  assessedDateOfBirth?: LocalDate | null;
}

/** Assessors' names as given, trimmed, blanks and repeats (any case) dropped. */
export function distinctAssessors(names: string[]): string[] {
  const seen = new Set<string>();
  return names
    .map((n) => n.trim().replace(/\s+/g, " "))
    .filter((n) => n && !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
}

const assessorsProblem = (names: string[]): Problem => {
  const long = names.findIndex((n) => n.trim().length > TEXT_LIMITS.NAME_MAX);
  if (long >= 0) return [`input.assessors.${long}`, "NAME_MAX_LENGTH", `an assessor's name is at most ${TEXT_LIMITS.NAME_MAX} characters`];
  const distinct = distinctAssessors(names);
  return distinct.length < MIN_ASSESSORS
    ? [
        "input.assessors",
        "TWO_ASSESSORS",
        `a Merton-compliant age assessment is made by at least ${MIN_ASSESSORS} trained assessors; ${distinct.length === 1 ? "one was" : "none were"} named`,
      ]
    : null;
};

const interpreterProblem = (language: string | null | undefined, present: boolean | null | undefined): Problem => {
  const needed = !!language?.trim();
  if (needed && present !== true) {
    return ["input.interpreterPresent", "INTERPRETER_PRESENT", `the child needs an interpreter (${language!.trim()}): one must be present at the assessment`];
  }
  if (!needed && present === true) return ["input.interpreterLanguage", "INTERPRETER_LANGUAGE", "say which language the interpreter interpreted"];
  return null;
};

const assessedDateOfBirthProblem = (a: AgeAssessmentInput, recordedDateOfBirth: LocalDate): Problem => {
  const dob = a.assessedDateOfBirth;
  if (!dob) return null;
  const field = "input.assessedDateOfBirth";
  if (a.outcome === "ACCEPTED") return [field, "NONE_WHEN_ACCEPTED", "an accepted age keeps the child's stated date of birth: leave the assessed date of birth out"];
  if (compareDates(dob, a.assessedOn) > 0) return [field, "NOT_AFTER_ASSESSMENT", "cannot be after the day of the assessment"];
  const order = compareDates(dob, recordedDateOfBirth);
  if (a.outcome === "DISPUTED_OLDER" && order >= 0) {
    return [field, "OLDER_THAN_STATED", `assessed older: the assessed date of birth is before the stated one (${formatDate(recordedDateOfBirth)})`];
  }
  if (a.outcome === "DISPUTED_YOUNGER" && order <= 0) {
    return [field, "YOUNGER_THAN_STATED", `assessed younger: the assessed date of birth is after the stated one (${formatDate(recordedDateOfBirth)})`];
  }
  return null;
};

/**
 * What is wrong with an age assessment to record, or null: dates (not in the future, not before
 * the child's date of birth as recorded, the child told on or after the day), the assessors, the
 * interpreter, and an assessed date of birth that matches the outcome.
 */
export function ageAssessmentProblem(a: AgeAssessmentInput, recordedDateOfBirth: LocalDate, today: LocalDate): Problem {
  return firstProblem(
    () => pastDate("input.assessedOn", a.assessedOn, recordedDateOfBirth, today),
    () => assessorsProblem(a.assessors),
    () => interpreterProblem(a.interpreterLanguage, a.interpreterPresent),
    () => childInformedProblem("input.childInformedOn", a.childInformedOn, a.assessedOn, today),
    () => assessedDateOfBirthProblem(a, recordedDateOfBirth),
  );
}

/** The child is told the outcome on or after the day of the assessment, and not in the future. */
export function childInformedProblem(field: string, informedOn: LocalDate | null | undefined, assessedOn: LocalDate, today: LocalDate): Problem {
  return notInFuture(field, informedOn, today) ?? notBefore(field, informedOn, assessedOn, "the assessment", "NOT_BEFORE_ASSESSMENT");
}

/** What a recorded assessment still lacks to be Merton-compliant, in words (empty: nothing). */
export function mertonOutstanding(a: Pick<AgeAssessmentInput, "outcome" | "childInformedOn" | "assessedDateOfBirth">): string[] {
  const out: string[] = [];
  if (!a.childInformedOn) out.push("the child has not yet been told the outcome");
  if (a.outcome !== "ACCEPTED" && !a.assessedDateOfBirth) out.push("the age is disputed but no assessed date of birth is recorded");
  return out;
}

const OUTCOME_WORDS: Record<AgeAssessmentOutcome, string> = {
  ACCEPTED: "stated age accepted",
  DISPUTED_OLDER: "assessed as older than stated",
  DISPUTED_YOUNGER: "assessed as younger than stated",
};

/** The chronology's line: the outcome only (no assessors' names, no dates of birth). */
export const ageAssessmentSummary = (outcome: AgeAssessmentOutcome): string => `Age assessment: ${OUTCOME_WORDS[outcome]}`;
