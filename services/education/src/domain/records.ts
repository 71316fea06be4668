/**
 * Checks on SEN, exclusion and Pupil Premium Plus records. Pure: each returns [field, rule, words]
 * for the first problem, or null.
 */
type Problem = [string, string, string] | null;

/**
 * A suspension is for a set number of school days: at most 45 in a school year (School Discipline
 * (Pupil Exclusions and Reviews) (England) Regulations 2012; DfE "Suspension and permanent
 * exclusion" guidance 2023). The primary text was not read here; one suspension is checked against
 * the 45-day cap, not the year's total. A permanent exclusion has no length.
 */
export const MAX_SUSPENSION_DAYS = 45;

export function exclusionProblem(kind: "SUSPENSION" | "PERMANENT", days: number | null | undefined): Problem {
  if (kind === "PERMANENT") {
    return days == null ? null : ["input.days", "NO_DAYS_FOR_PERMANENT", "a permanent exclusion has no number of days; leave days out"];
  }
  if (days == null) return ["input.days", "DAYS_REQUIRED", "a suspension needs its number of school days"];
  if (!Number.isInteger(days) || days < 1 || days > MAX_SUSPENSION_DAYS) {
    return ["input.days", "SUSPENSION_DAYS_RANGE", `a suspension is 1 to ${MAX_SUSPENSION_DAYS} school days`];
  }
  return null;
}

/** Pupil Premium Plus: a positive whole number of pence and a stated purpose. */
export function pupilPremiumPlusProblem(amountPence: number, purpose: string): Problem {
  if (!Number.isInteger(amountPence) || amountPence <= 0) return ["input.amountPence", "POSITIVE_WHOLE_NUMBER", "the amount is a whole number of pence above 0"];
  if (!purpose.trim()) return ["input.purpose", "REQUIRED", "say what the money is for"];
  return null;
}
