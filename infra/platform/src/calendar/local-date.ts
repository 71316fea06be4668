/**
 * Calendar dates without a time of day ("YYYY-MM-DD"), as statutes and the DfE return use them.
 * Arithmetic runs on UTC midnights so no daylight-saving shift can move a date.
 */
export type LocalDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalDate(value: string): value is LocalDate {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function parseLocalDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`"${value}" is not a calendar date (YYYY-MM-DD)`);
  return value;
}

export function toUtc(date: LocalDate): Date {
  return new Date(`${parseLocalDate(date)}T00:00:00Z`);
}

export function fromUtc(d: Date): LocalDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** Calendar months, clamped to the month's last day: 31 August + 6 months = 28/29 February. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const d = toUtc(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return fromUtc(target);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return toUtc(date).getUTCDay();
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The day a person reaches an age: the anniversary of birth; born on 29 February, 1 March in a
 * common year (the usual reading in England and Wales; consistent with `ageOn`).
 */
export function birthday(dateOfBirth: LocalDate, age: number): LocalDate {
  const y = Number(dateOfBirth.slice(0, 4)) + age;
  const md = dateOfBirth.slice(5);
  if (md === "02-29") {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return leap ? `${y}-02-29` : `${y}-03-01`;
  }
  return `${y}-${md}`;
}

/** Whole years between a date of birth and a date (the child's age on that date). */
export function ageOn(dateOfBirth: LocalDate, on: LocalDate): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [oy, om, od] = on.split("-").map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

/** The date in England at an instant, whatever the server's time zone (today: the platform clock's `today()`). */
export function todayInEngland(now: Date): LocalDate {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

/**
 * The instant a day begins in England: 00:00 Europe/London, which is 23:00 UTC the day before in
 * summer time and 00:00 UTC in winter (the clocks change at 01:00 UTC, never at local midnight).
 */
export function startOfDayInEngland(date: LocalDate): Date {
  const utcMidnight = toUtc(date).getTime();
  const summer = new Date(utcMidnight - 3_600_000);
  return todayInEngland(summer) === date ? summer : new Date(utcMidnight);
}
