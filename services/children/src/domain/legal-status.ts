import { compareDates, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

export interface LegalStatusPeriod {
  code: string;
  startDate: LocalDate;
  endDate: LocalDate | null;
}

/**
 * A new legal status starts on a date and ends the current one on that same date, as 903
 * episodes do (the history is a chain with no gaps or overlaps).
 */
export function checkNewLegalStatus(history: LegalStatusPeriod[], code: string, startDate: LocalDate): void {
  const current = history.find((s) => s.endDate === null);
  if (!current) return;
  if (compareDates(startDate, current.startDate) < 0) {
    invalidInput("input.startDate", "NOT_BEFORE_CURRENT_STATUS", `must be on or after ${current.startDate}, when the current legal status (${current.code}) began`);
  }
  if (current.code === code) invalidInput("input.code", "CHANGES_STATUS", `the child's legal status is already ${code}`);
}
