import published from "./bank-holidays-england-and-wales.json";
import { addDays, dayOfWeek, fromUtc, LocalDate } from "./local-date";

/**
 * England & Wales bank holidays. Years gov.uk has published come from its list (it carries the
 * one-off proclamations: jubilees, a state funeral, a coronation). Other years are projected from
 * the Banking and Financial Dealings Act 1971 Sch. 1 plus the common-law Good Friday and
 * Christmas Day, with weekend holidays substituted by the next weekdays — so a due date in 2028
 * is still right unless a one-off holiday is proclaimed; refresh the JSON when gov.uk publishes.
 */
const publishedYears = { from: published.from, to: published.to };
const publishedDates = new Set<LocalDate>(published.dates);
const projectedByYear = new Map<number, Set<LocalDate>>();

export function isBankHoliday(date: LocalDate): boolean {
  const year = Number(date.slice(0, 4));
  if (year >= publishedYears.from && year <= publishedYears.to) return publishedDates.has(date);
  let projected = projectedByYear.get(year);
  if (!projected) {
    projected = new Set(projectedBankHolidays(year));
    projectedByYear.set(year, projected);
  }
  return projected.has(date);
}

/** The statutory pattern for a year, without one-off proclamations. */
export function projectedBankHolidays(year: number): LocalDate[] {
  const easter = easterSunday(year);
  const days: LocalDate[] = [
    nextWeekday(`${year}-01-01`),
    addDays(easter, -2), // Good Friday
    addDays(easter, 1), // Easter Monday
    firstMonday(year, 5), // early May
    lastMonday(year, 5), // spring
    lastMonday(year, 8), // summer
  ];
  // Christmas Day and Boxing Day: each weekend one rolls to the next free weekday.
  const christmas = `${year}-12-25`;
  const christmasObserved = nextWeekday(christmas);
  days.push(christmasObserved, nextWeekday(addDays(christmasObserved, 1)));
  return days.sort();
}

function nextWeekday(date: LocalDate): LocalDate {
  let d = date;
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) d = addDays(d, 1);
  return d;
}

function firstMonday(year: number, month: number): LocalDate {
  let d = `${year}-${String(month).padStart(2, "0")}-01`;
  while (dayOfWeek(d) !== 1) d = addDays(d, 1);
  return d;
}

function lastMonday(year: number, month: number): LocalDate {
  let d = fromUtc(new Date(Date.UTC(year, month, 0)));
  while (dayOfWeek(d) !== 1) d = addDays(d, -1);
  return d;
}

/** Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromUtc(new Date(Date.UTC(year, month - 1, day)));
}
