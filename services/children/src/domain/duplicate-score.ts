import { isLocalDate, LocalDate } from "@caregraph/platform/calendar";
import { nameVariant, normaliseName } from "./names";

/** What the duplicate check compares of a child. Dates are YYYY-MM-DD. */
export interface Identifying {
  firstName: string;
  lastName: string;
  dateOfBirth: LocalDate;
  nhsNumber: string | null;
  upn: string | null;
}

export interface DuplicateScore {
  score: number;
  /** What matched and its points, e.g. "NHS number matches (+60)". */
  reasons: string[];
}

/**
 * Points per match — a CareGraph weighting, not a statutory one. An NHS number or UPN is issued
 * to one child, so either alone is enough to show; a date of birth or a name is shared by many,
 * so a candidate needs both. Names together (35) and a date of birth (30) each stay below the
 * threshold: every candidate shown matches on an identifier or a (near) date of birth, which is
 * what lets the query fetch only those (candidateDates).
 */
export const POINTS = {
  nhsNumber: 60,
  nhsNumberDiffers: -30,
  upn: 50,
  dateOfBirth: 30,
  dateOfBirthSwapped: 20,
  dateOfBirthOneDigit: 15,
  lastName: 20,
  lastNameVariant: 12,
  firstName: 15,
  firstNameVariant: 8,
  namesSwapped: 25,
} as const;

/** Candidates scoring less are not shown. */
export const THRESHOLD = 45;

const reason = (what: string, points: number) => `${what} (${points > 0 ? "+" : "−"}${Math.abs(points)})`;

/** How alike two children's records are, with a reason for every point. */
export function scoreDuplicate(child: Identifying, other: Identifying): DuplicateScore {
  const found: [string, number][] = [];
  if (child.nhsNumber && other.nhsNumber) {
    found.push(child.nhsNumber === other.nhsNumber ? ["NHS number matches", POINTS.nhsNumber] : ["NHS numbers differ", POINTS.nhsNumberDiffers]);
  }
  if (child.upn && other.upn && child.upn.toUpperCase() === other.upn.toUpperCase()) found.push(["UPN matches", POINTS.upn]);
  const dob = dateOfBirthMatch(child.dateOfBirth, other.dateOfBirth);
  if (dob) found.push(dob);
  found.push(...nameMatches(child, other));
  return { score: found.reduce((n, [, p]) => n + p, 0), reasons: found.map(([what, p]) => reason(what, p)) };
}

function dateOfBirthMatch(a: LocalDate, b: LocalDate): [string, number] | null {
  if (a === b) return ["date of birth matches", POINTS.dateOfBirth];
  if (swapDayMonth(a) === b) return ["date of birth matches with day and month swapped", POINTS.dateOfBirthSwapped];
  if (digitsApart(a, b) === 1) return ["date of birth one digit different", POINTS.dateOfBirthOneDigit];
  return null;
}

function nameMatches(a: Identifying, b: Identifying): [string, number][] {
  const same = (x: string, y: string) => normaliseName(x) === normaliseName(y);
  const out: [string, number][] = [];
  if (same(a.lastName, b.lastName)) out.push(["last name matches", POINTS.lastName]);
  else if (nameVariant(a.lastName, b.lastName)) out.push(["last name is a spelling variant", POINTS.lastNameVariant]);
  if (same(a.firstName, b.firstName)) out.push(["first name matches", POINTS.firstName]);
  else if (nameVariant(a.firstName, b.firstName)) out.push(["first name is a spelling variant", POINTS.firstNameVariant]);
  if (!out.length && same(a.firstName, b.lastName) && same(a.lastName, b.firstName)) out.push(["first and last names swapped", POINTS.namesSwapped]);
  return out;
}

/** 2014-03-05 → 2014-05-03; null when the swap is no date (day over 12) or the same date. */
function swapDayMonth(d: LocalDate): LocalDate | null {
  const [y, m, day] = d.split("-");
  const swapped = `${y}-${day}-${m}`;
  return swapped !== d && isLocalDate(swapped) ? swapped : null;
}

const digitsApart = (a: string, b: string) => [...a].filter((c, i) => c !== b[i]).length;

/**
 * Every date of birth a candidate shown could have without a matching NHS number or UPN: the
 * same, day and month swapped, or one digit different (and a real date): a few dozen at most.
 */
export function candidateDates(d: LocalDate): LocalDate[] {
  const out = new Set<LocalDate>([d]);
  const swapped = swapDayMonth(d);
  if (swapped) out.add(swapped);
  for (let i = 0; i < d.length; i++) {
    if (d[i] === "-") continue;
    for (let digit = 0; digit <= 9; digit++) {
      const changed = `${d.slice(0, i)}${digit}${d.slice(i + 1)}`;
      if (isLocalDate(changed)) out.add(changed);
    }
  }
  return [...out];
}
