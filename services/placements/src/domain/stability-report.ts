import { formatDate, LocalDate } from "@caregraph/platform/calendar";
import { PlacementType } from "./codes";
import { stabilityOn, twelveMonthsEndingOn } from "./stability";

/**
 * The DfE placement stability measures for a local authority on a day (DfE looked-after children
 * statistics; the DfE takes them at 31 March, here on any day). The group is the children in a
 * placement on that day. The 12-month placement counts come from SQL (stability-report.ts beside
 * resolvers); each child's long-term test and distance are then the same pure rule as
 * Child.placementStability (stabilityOn), so the report and the child agree, leap-day birthdays
 * included. Percentages to 1 dp of the measure's own group; null for an empty group.
 */
export interface ReportRow {
  dateOfBirth: LocalDate;
  lookedAfterSince: LocalDate | null;
  /** The placement on the day. */
  type: PlacementType;
  startDate: LocalDate;
  /** The placement a move into this one replaced (for a placement for adoption). */
  previousStartDate: LocalDate | null;
  postcode: string | null;
  homePostcode: string | null;
  /** Placements lived in on at least one day of the 12 months ending on the day (SQL). */
  placementsInWindow: number;
}

export interface StabilityReport {
  asOf: LocalDate;
  windowFrom: LocalDate;
  childrenLookedAfter: number;
  threeOrMorePlacements: number;
  threeOrMorePlacementsPercent: number | null;
  longTermEligible: number;
  longTermStable: number;
  longTermStablePercent: number | null;
  distanceKnown: number;
  placedOver20Miles: number;
  placedOver20MilesPercent: number | null;
  workings: string[];
}

export const percent = (n: number, of: number): number | null => (of === 0 ? null : Math.round((n / of) * 1000) / 10);

export function stabilityReport(rows: ReportRow[], on: LocalDate): StabilityReport {
  const { from } = twelveMonthsEndingOn(on);
  let threeOrMore = 0;
  let eligible = 0;
  let stable = 0;
  let known = 0;
  let over = 0;
  for (const r of rows) {
    if (r.placementsInWindow >= 3) threeOrMore++;
    const s = stabilityOn(r.dateOfBirth, r.lookedAfterSince, [{ type: r.type, startDate: r.startDate, endDate: null, previousStartDate: r.previousStartDate, postcode: r.postcode, homePostcode: r.homePostcode }], on);
    if (s.longTermEligible) eligible++;
    if (s.longTermStable) stable++;
    if (s.placedOver20Miles !== null) known++;
    if (s.placedOver20Miles) over++;
  }
  const n = rows.length;
  return {
    asOf: on,
    windowFrom: from,
    childrenLookedAfter: n,
    threeOrMorePlacements: threeOrMore,
    threeOrMorePlacementsPercent: percent(threeOrMore, n),
    longTermEligible: eligible,
    longTermStable: stable,
    longTermStablePercent: percent(stable, eligible),
    distanceKnown: known,
    placedOver20Miles: over,
    placedOver20MilesPercent: percent(over, known),
    workings: [
      `${n} child${n === 1 ? "" : "ren"} in a placement on ${formatDate(on)}`,
      `${threeOrMore} of them lived in three or more placements between ${formatDate(from)} and ${formatDate(on)}`,
      `${eligible} under 16 and looked after at least 2.5 years; ${stable} of those in the same placement at least 2 years`,
      `${known} with a distance from home (both postcodes known, districts in the stand-in centroid table); ${over} of those placed more than 20 miles away`,
    ],
  };
}
