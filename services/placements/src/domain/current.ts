import { compareDates, LocalDate } from "@caregraph/platform/calendar";

/** The placement a child is in on a date: started on or before it, not yet ended by it. */
export function currentOn<P extends { startDate: D; endDate: D | null }, D>(placements: P[], on: LocalDate, toLocal: (d: D) => LocalDate): P | null {
  return (
    placements.find(
      (p) => compareDates(toLocal(p.startDate), on) <= 0 && (p.endDate === null || compareDates(toLocal(p.endDate), on) > 0),
    ) ?? null
  );
}
