import { addDays, addMonths, compareDates, formatDate, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * CPPCR 2010 reg 48: a series of pre-planned short breaks in the same place, where no single break
 * lasts more than 17 days and the total does not exceed 75 days in any period of 12 months (DfE
 * SSDA903 rules 365 and 367 check the same limits on V3 episodes). Visits are then as agreed with
 * the IRO and the parents, not reg 28(2) (reg 48(3)).
 * Uncertain: how a break's "days" are counted. Here a break from Friday to Sunday is 2 days (the
 * nights away: end minus start, as the 903 validator subtracts DECOM from DEC); counting every
 * calendar day touched would make it 3. `breakDays` is the one place to change that.
 */
export const SHORT_BREAK_AUTHORITY = "Care Planning, Placement and Case Review (England) Regulations 2010 reg 48";
export const MAX_SINGLE = 17;
/** Reg 48(3): reg 28(2) is disapplied; visits on days the child is placed, at intervals agreed with the IRO and parents. */
export const SHORT_BREAK_VISITS = "As agreed with the IRO and the parents (CPPCR 2010 reg 48(3)); reg 28(2) visits do not apply";
/**
 * DfE SSDA903 legal statuses of short breaks (ssda903-return-format.md, code list 144): V3 an agreed
 * series of short-term breaks with individual episodes recorded, V4 the same with agreements
 * recorded. (V3 is sometimes summarised as "a single short break" and V4 as "a series"; the DfE code
 * list reads as above, so that is what is shown.) A break recorded here is one episode: V3 by default.
 */
export type ShortBreakLegalStatus = "V3" | "V4";
export const MAX_IN_12_MONTHS = 75;

export interface ShortBreak {
  startDate: LocalDate;
  endDate: LocalDate;
}

const DAY_MS = 86_400_000;
export const breakDays = (b: ShortBreak): number => Math.round((toUtc(b.endDate).getTime() - toUtc(b.startDate).getTime()) / DAY_MS);

/** The days of breaks falling in [from, to). */
function daysWithin(breaks: ShortBreak[], from: LocalDate, to: LocalDate): number {
  return breaks.reduce((sum, b) => {
    const start = compareDates(b.startDate, from) > 0 ? b.startDate : from;
    const end = compareDates(b.endDate, to) < 0 ? b.endDate : to;
    return sum + Math.max(0, breakDays({ startDate: start, endDate: end }));
  }, 0);
}

/**
 * The busiest 12 months of a series, [from, to): the busiest window either opens on a break's
 * first day or closes on a break's last, so those are the windows tried.
 */
export function busiest12Months(breaks: ShortBreak[]): { from: LocalDate; to: LocalDate; days: number } {
  const windows = breaks.flatMap((b) => [
    { from: b.startDate, to: addMonths(b.startDate, 12) },
    { from: addMonths(b.endDate, -12), to: b.endDate },
  ]);
  let best = { from: "1970-01-01", to: "1971-01-01", days: 0 };
  for (const w of windows) {
    const days = daysWithin(breaks, w.from, w.to);
    if (days > best.days) best = { ...w, days };
  }
  return best;
}

/** A new (or corrected) short break against the child's others: refused beyond 17 days, or beyond 75 days in 12 months. */
export function checkShortBreak(b: ShortBreak, others: ShortBreak[], dateOfBirth: LocalDate): void {
  if (compareDates(b.startDate, dateOfBirth) < 0) invalidInput("input.startDate", "START_NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`);
  if (compareDates(b.endDate, b.startDate) <= 0) invalidInput("input.endDate", "END_AFTER_START", "a short break ends after the day it starts");
  const days = breakDays(b);
  if (days > MAX_SINGLE) {
    invalidInput("input.endDate", "SHORT_BREAK_AT_MOST_17_DAYS", `a short break lasts at most ${MAX_SINGLE} days (CPPCR 2010 reg 48); this one is ${days}`);
  }
  const clash = others.find((o) => compareDates(o.startDate, b.endDate) < 0 && compareDates(b.startDate, o.endDate) < 0);
  if (clash) invalidInput("input.startDate", "SHORT_BREAK_OVERLAP", `overlaps the short break from ${clash.startDate} to ${clash.endDate}`);
  const busiest = busiest12Months([...others, b].sort((x, y) => compareDates(x.startDate, y.startDate)));
  if (busiest.days > MAX_IN_12_MONTHS) {
    invalidInput(
      "input.endDate",
      "SHORT_BREAKS_AT_MOST_75_DAYS_IN_12_MONTHS",
      `short breaks total at most ${MAX_IN_12_MONTHS} days in any 12 months (CPPCR 2010 reg 48); with this one, ${busiest.days} days from ${formatDate(busiest.from)} to ${formatDate(addDays(busiest.to, -1))}`,
    );
  }
}
