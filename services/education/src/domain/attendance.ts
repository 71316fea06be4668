/**
 * Attendance in a term, counted in sessions (a morning or an afternoon). A pupil is persistently
 * absent when they miss 10% or more of their possible sessions, i.e. attend below 90% (DfE,
 * "Working together to improve school attendance", 2024, and the DfE school absence statistics'
 * definition of persistent absence). The primary text was not read here: the 90% threshold is
 * the brief's; change `PERSISTENT_ABSENCE_BELOW` if it differs.
 */
export const PERSISTENT_ABSENCE_BELOW = 90;

export interface AttendanceFigures {
  /** Attended ÷ possible sessions, as a percentage rounded to one decimal place. */
  percentage: number;
  /** Attendance below 90%: persistently absent. */
  persistentlyAbsent: boolean;
}

/** Attendance from session counts. `possible` must be positive and `attended` between 0 and `possible` (checked by the caller). */
export function attendance(possibleSessions: number, attendedSessions: number): AttendanceFigures {
  const exact = (attendedSessions / possibleSessions) * 100;
  // Persistent absence is judged on the exact figure, not the rounded one (89.96% is below 90%).
  return { percentage: Math.round(exact * 10) / 10, persistentlyAbsent: exact < PERSISTENT_ABSENCE_BELOW };
}

/** What is wrong with a pair of session counts, as [field, rule, words], or null when they are fine. */
export function attendanceProblem(possibleSessions: number, attendedSessions: number): [string, string, string] | null {
  if (!Number.isInteger(possibleSessions) || possibleSessions <= 0) {
    return ["input.possibleSessions", "POSITIVE_WHOLE_NUMBER", "possible sessions must be a whole number above 0"];
  }
  if (!Number.isInteger(attendedSessions) || attendedSessions < 0) {
    return ["input.attendedSessions", "NOT_NEGATIVE", "attended sessions must be a whole number, 0 or more"];
  }
  if (attendedSessions > possibleSessions) {
    return ["input.attendedSessions", "NOT_ABOVE_POSSIBLE", `attended sessions (${attendedSessions}) cannot be more than possible sessions (${possibleSessions})`];
  }
  return null;
}
