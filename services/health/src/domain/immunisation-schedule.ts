/**
 * The routine UK immunisation schedule, kept as data: which doses of which vaccine a child should
 * have had by which age. Sources (checked 1 December 2026): UKHSA, "Complete routine immunisation
 * schedule from 1 January 2026" (GOV.UK, updated 10 December 2025); UKHSA, "Childhood schedule
 * changes from 1 July 2025: information for healthcare practitioners"; the Green Book ch. 11.
 *
 * The cohorts, by date of birth:
 * - from 1 July 2025 the second MenB moved from 16 to 12 weeks and the first PCV from 12 to 16
 *   weeks, at the appointment: a baby 12 weeks old on or after 1 July 2025, i.e. born on or after
 *   8 April 2025, is on the new infant schedule (that boundary is worked out here, not printed);
 * - born on or after 1 July 2024: no Hib/MenC at one year; a 4th 6-in-1 and the second MMR(V) at
 *   18 months (the appointment began in January 2026); born 1 July – 31 December 2024 also get an
 *   MMRV at 3 years 4 months (their varicella second dose), so three MMR-containing doses;
 * - born before 1 July 2024: Hib/MenC at one year, the second MMR at 3 years 4 months.
 * Judgement calls, not the schedule's words:
 * - the school-year doses (HPV aged 12 to 13 in year 8, the 3-in-1 teenage booster and MenACWY at
 *   14 in year 9) are given by school year, not age: approximated as "by the 13th / 15th birthday",
 *   so a child is not called overdue while their year group is still being offered it;
 * - rotavirus cannot be given after 24 weeks, so a child older than that who missed it is not
 *   "behind" (nothing can be caught up); the annual flu vaccine is seasonal, not a course, and is
 *   left out of "up to date"; the 2026 MMR catch-up invitations are left out.
 * Changing the schedule is a change to this table only.
 */

/** An age by which a dose is due: weeks (infant doses) or months. */
export type Age = { weeks: number } | { months: number };

export interface ScheduledDose {
  /** The vaccine, as CareGraph names it (see VACCINES for the names and brands it is recorded under). */
  vaccine: VaccineName;
  /** Which dose of that vaccine (1st, 2nd …): the child should have had at least this many by `by`. */
  dose: number;
  by: Age;
  /** The cohort it applies to, by date of birth (inclusive from, exclusive before). */
  bornFrom?: string;
  bornBefore?: string;
  /** No later than this age (rotavirus): a child older than this who missed it has nothing due. */
  notAfter?: Age;
}

/** The vaccines of the routine schedule, and the other names (antigens, brands) they are recorded under. */
export const VACCINES = {
  "6-in-1": ["DTaP/IPV/Hib/HepB", "hexavalent", "Infanrix hexa", "Vaxelis"],
  MenB: ["Bexsero", "meningococcal B"],
  Rotavirus: ["Rotarix"],
  PCV: ["pneumococcal", "Prevenar 13", "PCV13"],
  "Hib/MenC": ["Menitorix"],
  MMR: ["MMRV", "Priorix", "M-M-RvaxPro", "ProQuad", "Priorix-Tetra", "measles, mumps and rubella"],
  "4-in-1": ["dTaP/IPV", "DTaP/IPV", "pre-school booster", "Repevax", "Boostrix-IPV"],
  HPV: ["Gardasil", "Gardasil 9", "human papillomavirus"],
  "3-in-1": ["Td/IPV", "teenage booster", "Revaxis"],
  MenACWY: ["Nimenrix", "Menveo", "MenQuadfi"],
} as const;
export type VaccineName = keyof typeof VACCINES;

/** Born on or after: no Hib/MenC at one year, the 18-month appointment. */
const NEW_COHORT = "2024-07-01";
/** Born on or after: MMRV at one year and 18 months, no MMRV at 3 years 4 months. */
const VARICELLA_COHORT = "2025-01-01";
/** Born on or after: 12 weeks old on or after 1 July 2025, so MenB at 12 and PCV at 16 weeks. */
const INFANT_CHANGE_COHORT = "2025-04-08";

export const ROUTINE_SCHEDULE: readonly ScheduledDose[] = [
  { vaccine: "6-in-1", dose: 1, by: { weeks: 8 } },
  { vaccine: "6-in-1", dose: 2, by: { weeks: 12 } },
  { vaccine: "6-in-1", dose: 3, by: { weeks: 16 } },
  { vaccine: "6-in-1", dose: 4, by: { months: 18 }, bornFrom: NEW_COHORT },
  { vaccine: "Rotavirus", dose: 1, by: { weeks: 8 }, notAfter: { weeks: 24 } },
  { vaccine: "Rotavirus", dose: 2, by: { weeks: 12 }, notAfter: { weeks: 24 } },
  { vaccine: "MenB", dose: 1, by: { weeks: 8 } },
  { vaccine: "MenB", dose: 2, by: { weeks: 12 }, bornFrom: INFANT_CHANGE_COHORT },
  { vaccine: "MenB", dose: 2, by: { weeks: 16 }, bornBefore: INFANT_CHANGE_COHORT },
  { vaccine: "MenB", dose: 3, by: { months: 12 } },
  { vaccine: "PCV", dose: 1, by: { weeks: 16 }, bornFrom: INFANT_CHANGE_COHORT },
  { vaccine: "PCV", dose: 1, by: { weeks: 12 }, bornBefore: INFANT_CHANGE_COHORT },
  { vaccine: "PCV", dose: 2, by: { months: 12 } },
  { vaccine: "Hib/MenC", dose: 1, by: { months: 12 }, bornBefore: NEW_COHORT },
  { vaccine: "MMR", dose: 1, by: { months: 12 } },
  { vaccine: "MMR", dose: 2, by: { months: 18 }, bornFrom: NEW_COHORT },
  { vaccine: "MMR", dose: 2, by: { months: 40 }, bornBefore: NEW_COHORT },
  { vaccine: "MMR", dose: 3, by: { months: 40 }, bornFrom: NEW_COHORT, bornBefore: VARICELLA_COHORT },
  { vaccine: "4-in-1", dose: 1, by: { months: 40 } },
  { vaccine: "HPV", dose: 1, by: { months: 13 * 12 } },
  { vaccine: "3-in-1", dose: 1, by: { months: 15 * 12 } },
  { vaccine: "MenACWY", dose: 1, by: { months: 15 * 12 } },
];

export const SCHEDULE_SOURCE = "UKHSA, Complete routine immunisation schedule from 1 January 2026 (GOV.UK); Green Book ch. 11";

/** The schedule's name for a vaccine as recorded ("Priorix", "mmr", "MMRV" → "MMR"); null when it is not in the routine schedule. */
export function vaccineNamed(recorded: string): VaccineName | null {
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const wanted = key(recorded);
  for (const [name, others] of Object.entries(VACCINES) as [VaccineName, readonly string[]][]) {
    if (key(name) === wanted || others.some((o) => key(o) === wanted)) return name;
  }
  return null;
}
