import { compareDates, LocalDate } from "@caregraph/platform/calendar";

export const local = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** A review's or visit's status today: done, cancelled, or due / overdue by its due date. */
export function itemStatus(a: { dueDate: LocalDate; doneOn: LocalDate | null; cancelledOn: LocalDate | null }, today: LocalDate) {
  if (a.doneOn) return "DONE" as const;
  if (a.cancelledOn) return "CANCELLED" as const;
  return compareDates(a.dueDate, today) < 0 ? ("OVERDUE" as const) : ("DUE" as const);
}
