import { addDays, addMonths, ageOn, compareDates, formatDate, LocalDate } from "@caregraph/platform/calendar";
import { currentOn } from "./current";
import { PlacementType } from "./codes";
import { distanceFromHome } from "./distance";

/**
 * Placement stability as the DfE measures it (DfE "Children looked after in England including
 * adoptions" statistics and the LAIT stability indicators, computed from the SSDA903 return):
 * - short-term: three or more placements in the year;
 * - long-term: children under 16 who have been looked after continuously for at least 2.5 years
 *   and lived in the same placement for at least 2 years (or are placed for adoption and the
 *   adoptive placement together with the one before it lasts at least 2 years).
 * The DfE takes both at 31 March over the year to it; here they are taken on any day (the platform
 * clock's today by default) over the 12 months ending that day.
 *
 * Uncertain (the DfE methodology text was not read here; see the README note): whether temporary
 * placements (T0–T4) or a change of placement status with the same carers (REASON_PLACE_CHANGE
 * PLACE) count as separate placements. This counts every placement, as the 903 episode file
 * lists them; `countsAsPlacement` is the one place to change that.
 */
export const STABILITY_AUTHORITY = "DfE looked-after children statistics: placement stability indicators (SSDA903)";

export interface StayPeriod {
  type: PlacementType;
  startDate: LocalDate;
  /** The day the child left ([startDate, endDate): a move ends one and starts the next the same day). */
  endDate: LocalDate | null;
  /** The placement this one replaced in a move. */
  previousStartDate?: LocalDate | null;
  /** DfE PL_POST and HOME_POST (distance from home). */
  postcode?: string | null;
  homePostcode?: string | null;
}

/** Which placements the DfE counts (uncertain, see above): every one. */
export const countsAsPlacement = (_type: PlacementType): boolean => true;

/** The first day of the 12 months ending on `on`: the day after the same date a year earlier (29 Feb → 1 Mar). */
export function twelveMonthsEndingOn(on: LocalDate): { from: LocalDate; to: LocalDate } {
  return { from: addDays(addMonths(on, -12), 1), to: on };
}

/**
 * Placements the child lived in on at least one day of the 12 months ending `on` (a placement that
 * began and ended the same day counts when that day is in the window).
 */
export function placementsInLast12Months(placements: StayPeriod[], on: LocalDate): number {
  const { from, to } = twelveMonthsEndingOn(on);
  return placements.filter((p) => {
    if (!countsAsPlacement(p.type) || compareDates(p.startDate, to) > 0) return false;
    if (p.endDate === null) return true;
    if (compareDates(p.endDate, p.startDate) === 0) return compareDates(p.startDate, from) >= 0;
    return compareDates(p.endDate, from) > 0;
  }).length;
}

const ADOPTION: PlacementType[] = ["A3", "A4", "A5", "A6"];

/** The placement run that counts for long-term stability: a placement for adoption adds the one before it. */
function sameCarersSince(current: StayPeriod): LocalDate {
  return ADOPTION.includes(current.type) && current.previousStartDate ? current.previousStartDate : current.startDate;
}

export interface Stability {
  asOf: LocalDate;
  placementsInLast12Months: number;
  threeOrMorePlacements: boolean;
  longTermStable: boolean;
  /** In the long-term measure's group: under 16 and looked after at least 2.5 years. */
  longTermEligible: boolean;
  /** Miles from the home postcode to the placement on asOf (stand-in centroids); null with the reason when unknown. */
  distanceFromHomeMiles: number | null;
  /** Placed more than 20 miles from home (DfE); null when the distance is unknown. */
  placedOver20Miles: boolean | null;
  /** Why there is no distance (no placement, a postcode missing or not in the table). */
  distanceUnknownReason: string | null;
  /** Each test of the measure, in words a practitioner can check. */
  workings: string[];
}

/** Both DfE measures for one child on a day, with their workings. */
export function stabilityOn(dateOfBirth: LocalDate, lookedAfterSince: LocalDate | null, placements: StayPeriod[], on: LocalDate): Stability {
  const count = placementsInLast12Months(placements, on);
  const window = twelveMonthsEndingOn(on);
  const age = ageOn(dateOfBirth, on);
  const current = currentOn(placements, on, (d: LocalDate) => d);
  const lookedAfterLongEnough = lookedAfterSince !== null && compareDates(addMonths(lookedAfterSince, 30), on) <= 0;
  const since = current && sameCarersSince(current);
  const placedLongEnough = since !== null && compareDates(addMonths(since, 24), on) <= 0;
  const workings = [
    `${count} placement${count === 1 ? "" : "s"} between ${formatDate(window.from)} and ${formatDate(window.to)} (three or more is the DfE short-term instability measure)`,
    `aged ${age} on ${formatDate(on)} (long-term stability is measured for children under 16)`,
    lookedAfterSince
      ? `looked after since ${formatDate(lookedAfterSince)}: ${lookedAfterLongEnough ? "at least" : "less than"} 2.5 years`
      : "not looked after",
    since
      ? `in the same placement since ${formatDate(since)}: ${placedLongEnough ? "at least" : "less than"} 2 years${since !== current!.startDate ? " (a placement for adoption counts with the one before it)" : ""}`
      : "no current placement",
  ];
  const distance = current ? distanceFromHome(current.homePostcode ?? null, current.postcode ?? null) : null;
  workings.push(distance ? ("workings" in distance ? distance.workings : `distance from home unknown: ${distance.reason}`) : "distance from home: no current placement");
  return {
    asOf: on,
    placementsInLast12Months: count,
    threeOrMorePlacements: count >= 3,
    longTermStable: age < 16 && lookedAfterLongEnough && placedLongEnough,
    longTermEligible: age < 16 && lookedAfterLongEnough,
    distanceFromHomeMiles: distance?.miles ?? null,
    placedOver20Miles: distance?.over20Miles ?? null,
    distanceUnknownReason: distance ? ("reason" in distance ? distance.reason : null) : "no current placement",
    workings,
  };
}
