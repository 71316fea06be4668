/**
 * The routine UK immunisation schedule, kept as data: which doses of which vaccine a child should
 * have had by which age. Source: UKHSA, "The complete routine immunisation schedule" (GOV.UK,
 * updated for the changes of 1 July 2025 and 1 January 2026) and the Green Book chapter 11.
 *
 * NOT VERIFIED HERE (the pages could not be read from this machine; written from what is known of
 * them, and to be checked against the current GOV.UK page before use):
 * - the cohort boundaries: children born on or after 1 July 2024 no longer get Hib/MenC at one
 *   year and get a fourth 6-in-1 dose and their second MMR(V) at 18 months (from January 2026);
 *   older children had the second MMR at 3 years 4 months;
 * - the school-year doses (HPV in year 8, the 3-in-1 teenage booster and MenACWY in year 9) are
 *   given by school year, not age: approximated as "by the 13th / 15th birthday", so a child is
 *   not called overdue while their year group is still being offered it;
 * - rotavirus cannot be given after 24 weeks, so a child older than that who missed it is not
 *   "behind" (nothing can be caught up); the annual flu vaccine is seasonal, not a course, and is
 *   left out of "up to date".
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

const NEW_COHORT = "2024-07-01";

export const ROUTINE_SCHEDULE: readonly ScheduledDose[] = [
  { vaccine: "6-in-1", dose: 1, by: { weeks: 8 } },
  { vaccine: "6-in-1", dose: 2, by: { weeks: 12 } },
  { vaccine: "6-in-1", dose: 3, by: { weeks: 16 } },
  { vaccine: "6-in-1", dose: 4, by: { months: 18 }, bornFrom: NEW_COHORT },
  { vaccine: "Rotavirus", dose: 1, by: { weeks: 8 }, notAfter: { weeks: 24 } },
  { vaccine: "Rotavirus", dose: 2, by: { weeks: 12 }, notAfter: { weeks: 24 } },
  { vaccine: "MenB", dose: 1, by: { weeks: 8 } },
  { vaccine: "MenB", dose: 2, by: { weeks: 16 } },
  { vaccine: "MenB", dose: 3, by: { months: 12 } },
  { vaccine: "PCV", dose: 1, by: { weeks: 16 }, bornFrom: NEW_COHORT },
  { vaccine: "PCV", dose: 1, by: { weeks: 12 }, bornBefore: NEW_COHORT },
  { vaccine: "PCV", dose: 2, by: { months: 12 } },
  { vaccine: "Hib/MenC", dose: 1, by: { months: 12 }, bornBefore: NEW_COHORT },
  { vaccine: "MMR", dose: 1, by: { months: 12 } },
  { vaccine: "MMR", dose: 2, by: { months: 18 }, bornFrom: NEW_COHORT },
  { vaccine: "MMR", dose: 2, by: { months: 40 }, bornBefore: NEW_COHORT },
  { vaccine: "4-in-1", dose: 1, by: { months: 40 } },
  { vaccine: "HPV", dose: 1, by: { months: 13 * 12 } },
  { vaccine: "3-in-1", dose: 1, by: { months: 15 * 12 } },
  { vaccine: "MenACWY", dose: 1, by: { months: 15 * 12 } },
];

export const SCHEDULE_SOURCE = "UKHSA, The complete routine immunisation schedule (GOV.UK); Green Book ch. 11";

/** The schedule's name for a vaccine as recorded ("Priorix", "mmr", "MMRV" → "MMR"); null when it is not in the routine schedule. */
export function vaccineNamed(recorded: string): VaccineName | null {
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const wanted = key(recorded);
  for (const [name, others] of Object.entries(VACCINES) as [VaccineName, readonly string[]][]) {
    if (key(name) === wanted || others.some((o) => key(o) === wanted)) return name;
  }
  return null;
}
