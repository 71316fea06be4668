import { addDays, compareDates, dayOfWeek, easterSunday, formatDate, isWorkingDay, LocalDate } from "@caregraph/platform/calendar";

/**
 * School terms. England has no national term dates: each local authority (and each academy trust)
 * sets its own. CareGraph ships a sensible England default worked out from the calendar, and
 * `termsFor(tenant, year)` is the ONE function to change when a tenant's own dates are loaded.
 *
 * Default (an approximation of the common pattern, not any one authority's published dates):
 * - AUTUMN: first working day on or after 3 Sep to the last Friday on or before 20 Dec;
 * - SPRING: first working day on or after 4 Jan to the Friday a week before Good Friday;
 * - SUMMER: the Monday after Easter Monday (Easter + 8 days) to the last weekday on or before 22 Jul.
 * Half-terms are inside a term and do not matter to the rules here.
 */
export type TermName = "AUTUMN" | "SPRING" | "SUMMER";

export interface Term {
  name: TermName;
  /** The calendar year the term falls in (AUTUMN 2026 = Sep–Dec 2026; SPRING 2027 = Jan–Mar 2027). */
  year: number;
  start: LocalDate;
  end: LocalDate;
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number): LocalDate => `${y}-${pad(m)}-${pad(d)}`;

function firstWorkingDayFrom(date: LocalDate): LocalDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

function lastWeekdayOnOrBefore(date: LocalDate, weekday?: number): LocalDate {
  let d = date;
  while (weekday === undefined ? dayOfWeek(d) === 0 || dayOfWeek(d) === 6 : dayOfWeek(d) !== weekday) d = addDays(d, -1);
  return d;
}

/** The England default terms that fall in calendar year `year` (spring, summer, autumn). */
export function englandDefaultTerms(year: number): Term[] {
  const easter = easterSunday(year);
  const goodFriday = addDays(easter, -2);
  return [
    { name: "SPRING", year, start: firstWorkingDayFrom(ymd(year, 1, 4)), end: addDays(goodFriday, -7) },
    { name: "SUMMER", year, start: addDays(easter, 8), end: lastWeekdayOnOrBefore(ymd(year, 7, 22)) },
    { name: "AUTUMN", year, start: firstWorkingDayFrom(ymd(year, 9, 3)), end: lastWeekdayOnOrBefore(ymd(year, 12, 20), 5) },
  ];
}

/**
 * The terms a tenant's schools keep in calendar year `year`. Today every tenant gets the England
 * default; per-tenant term dates plug in here (and only here).
 */
export function termsFor(_tenant: string, year: number): Term[] {
  return englandDefaultTerms(year);
}

/** The first term that starts after `date` (a PEP done in a term or holiday is next reviewed in it). */
export function nextTermAfter(tenant: string, date: LocalDate): Term {
  const year = Number(date.slice(0, 4));
  const candidates = [...termsFor(tenant, year), ...termsFor(tenant, year + 1)];
  const next = candidates.find((t) => compareDates(t.start, date) > 0);
  if (!next) throw new Error(`no term after ${date}`);
  return next;
}

/** "AUTUMN 2026": how a term is named in the API. */
export const termLabel = (t: { name: TermName; year: number }) => `${t.name} ${t.year}`;

const TERM = /^(AUTUMN|SPRING|SUMMER) (\d{4})$/;

/** Parses "AUTUMN 2026" into the tenant's term, or null if the text is not a term. */
export function parseTerm(tenant: string, text: string): Term | null {
  const m = TERM.exec(text.trim().toUpperCase());
  if (!m) return null;
  const [, name, year] = m as unknown as [string, TermName, string];
  return termsFor(tenant, Number(year)).find((t) => t.name === name) ?? null;
}

const WORDS: Record<TermName, string> = { AUTUMN: "autumn", SPRING: "spring", SUMMER: "summer" };

/** "the spring term 2027 (4 Jan 2027 to 19 Mar 2027)" */
export const describeTerm = (t: Term) => `the ${WORDS[t.name]} term ${t.year} (${formatDate(t.start)} to ${formatDate(t.end)})`;
