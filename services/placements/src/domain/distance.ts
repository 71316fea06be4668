import { CENTROIDS_SOURCE, OUTWARD_CODE_CENTROIDS } from "./postcodes/outward-code-centroids";

/**
 * Distance from the child's home (DfE SSDA903 HOME_POST) to the placement (PL_POST), and the
 * "placed more than 20 miles from home" flag of the DfE looked-after children statistics.
 * The DfE derives PL_DISTANCE from full postcodes (ONSPD grid references, straight line, miles to
 * 1 dp); here it is the great-circle (haversine) distance between outward-code centroids of a
 * STAND-IN table (postcodes/README.md), so it can differ from the DfE figure by a few miles.
 * An unknown or unlisted postcode gives null with the reason: never a wrong number.
 */
export const OVER_MILES = 20;
const EARTH_RADIUS_MILES = 3958.8;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in miles between two [lat, lon] points (haversine). */
export function haversineMiles(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = rad(b[0] - a[0]);
  const dLon = rad(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

const FULL = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;
const OUTWARD_ONLY = /^([A-Z]{1,2}[0-9][A-Z0-9]?)$/;

/** The outward code (district) of a UK postcode or of an outward code alone; null when it is neither. */
export function outwardCode(postcode: string): string | null {
  const v = postcode.trim().toUpperCase().replace(/\s+/g, " ");
  return FULL.exec(v)?.[1] ?? OUTWARD_ONLY.exec(v)?.[1] ?? null;
}

export type Distance = { miles: number; over20Miles: boolean; workings: string } | { miles: null; over20Miles: null; reason: string };

function centroid(postcode: string | null, which: string): { at: readonly [number, number]; code: string } | string {
  if (!postcode) return `no ${which} postcode recorded`;
  const code = outwardCode(postcode);
  if (!code) return `the ${which} postcode ${postcode} is not a UK postcode`;
  const at = OUTWARD_CODE_CENTROIDS[code];
  if (!at) return `the ${which} postcode's district ${code} is not in the ${CENTROIDS_SOURCE}`;
  return { at, code };
}

/** Miles (1 dp) from home to placement, over 20 flagged; or no number and why. */
export function distanceFromHome(homePostcode: string | null, placementPostcode: string | null): Distance {
  const home = centroid(homePostcode, "home");
  if (typeof home === "string") return { miles: null, over20Miles: null, reason: home };
  const placed = centroid(placementPostcode, "placement");
  if (typeof placed === "string") return { miles: null, over20Miles: null, reason: placed };
  const miles = Math.round(haversineMiles(home.at, placed.at) * 10) / 10;
  return {
    miles,
    over20Miles: miles > OVER_MILES,
    workings: `${miles} miles in a straight line between the middles of districts ${home.code} (home) and ${placed.code} (placement), ${CENTROIDS_SOURCE}: ${miles > OVER_MILES ? "more than" : "not more than"} ${OVER_MILES} miles`,
  };
}
