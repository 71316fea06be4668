import { birthday, compareDates, formatDate, LocalDate } from "@caregraph/platform/calendar";
import { pastDate, Problem } from "./problems";

/**
 * The day a child stopped being an unaccompanied asylum-seeking child: the DfE SSDA903 return's
 * UASC table (CHILD, SEX, DOB, DUC) reports it as DUC. A child is a child until 18, so the day
 * is at the latest the 18th birthday; the DfE guide's full definition of when UASC status ends
 * was not read here (the reasons below are CareGraph's list).
 */
export type UascCeasedReason = "REACHED_18" | "AGE_ASSESSED_AS_ADULT" | "REUNITED_WITH_FAMILY" | "OTHER";


export function ceasedProblem(ceasedOn: LocalDate, reason: UascCeasedReason, dateOfBirth: LocalDate, today: LocalDate): Problem {
  const past = pastDate("input.ceasedOn", ceasedOn, dateOfBirth, today);
  if (past) return past;
  const eighteen = birthday(dateOfBirth, 18);
  if (compareDates(ceasedOn, eighteen) > 0) {
    return ["input.ceasedOn", "NOT_AFTER_18TH_BIRTHDAY", `a child stops being an unaccompanied asylum-seeking child by the 18th birthday (${formatDate(eighteen)}) at the latest`];
  }
  if (reason === "REACHED_18" && ceasedOn !== eighteen) {
    return ["input.ceasedOn", "REACHED_18_ON_BIRTHDAY", `ceasing because the child reached 18 happens on the 18th birthday (${formatDate(eighteen)})`];
  }
  return null;
}

const REASON_WORDS: Record<UascCeasedReason, string> = {
  REACHED_18: "reached 18",
  AGE_ASSESSED_AS_ADULT: "age assessed as 18 or over",
  REUNITED_WITH_FAMILY: "reunited with family",
  OTHER: "other reason",
};

export const ceasedSummary = (reason: UascCeasedReason): string => `Ceased to be an unaccompanied asylum-seeking child (${REASON_WORDS[reason]})`;
