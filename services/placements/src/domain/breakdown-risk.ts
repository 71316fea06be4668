import { addDays, addMonths, ageOn, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { StayPeriod, placementsInLast12Months, twelveMonthsEndingOn } from "./stability";
import { currentOn } from "./current";

/**
 * Placement breakdown risk: DECISION SUPPORT, not a prediction. A weighted count of facts recorded
 * here, each shown with its weight, so a practitioner can see why and disagree. The weights are a
 * local judgement drawn from what research associates with disruption (previous moves, going
 * missing, earlier disruptions, adolescence at placement) and are not validated against outcomes.
 * School moves belong to the education domain and are not yet counted (no event carries them here).
 */
export const BREAKDOWN_RISK_LABEL =
  "Decision support only: a weighted count of recorded facts, not a prediction; weights are a local judgement, not validated.";

export interface RiskFacts {
  dateOfBirth: LocalDate;
  placements: StayPeriod[];
  /** Days missing episodes started (in England). */
  missingStartedOn: LocalDate[];
  /** Days placements ended unplanned (disruptions). */
  unplannedEndingsOn: LocalDate[];
}

export interface RiskFactor {
  factor: string;
  value: number;
  weight: number;
  points: number;
  reason: string;
}

/** [factor, weight per unit, most units counted]. */
export const WEIGHTS = {
  MOVES_IN_LAST_12_MONTHS: [15, 3],
  MISSING_EPISODES_IN_LAST_12_MONTHS: [10, 4],
  UNPLANNED_ENDINGS_IN_LAST_12_MONTHS: [15, 2],
  AGED_11_OR_OVER_AT_PLACEMENT: [20, 1],
} as const;

const within = (days: LocalDate[], on: LocalDate) => {
  const { from, to } = twelveMonthsEndingOn(on);
  return days.filter((d) => compareDates(d, from) >= 0 && compareDates(d, to) <= 0).length;
};

export function breakdownRisk(f: RiskFacts, on: LocalDate): { score: number; factors: RiskFactor[]; label: string } {
  const current = currentOn(f.placements, on, (d: LocalDate) => d);
  const moves = Math.max(0, placementsInLast12Months(f.placements, on) - 1);
  const ageAtPlacement = current ? ageOn(f.dateOfBirth, current.startDate) : null;
  const since = addDays(addMonths(on, -12), 1);
  const facts: [keyof typeof WEIGHTS, number, string][] = [
    ["MOVES_IN_LAST_12_MONTHS", moves, `${moves} move${moves === 1 ? "" : "s"} since ${since}`],
    ["MISSING_EPISODES_IN_LAST_12_MONTHS", within(f.missingStartedOn, on), `missing or away episodes started since ${since}`],
    ["UNPLANNED_ENDINGS_IN_LAST_12_MONTHS", within(f.unplannedEndingsOn, on), `placements ended unplanned since ${since}`],
    [
      "AGED_11_OR_OVER_AT_PLACEMENT",
      ageAtPlacement !== null && ageAtPlacement >= 11 ? 1 : 0,
      ageAtPlacement === null ? "no current placement" : `aged ${ageAtPlacement} when the current placement began`,
    ],
  ];
  const factors = facts.map(([factor, value, reason]) => {
    const [weight, cap] = WEIGHTS[factor];
    return { factor, value, weight, points: weight * Math.min(value, cap), reason: `${reason} (${weight} points each, at most ${cap} counted)` };
  });
  return { score: Math.min(100, factors.reduce((s, x) => s + x.points, 0)), factors, label: BREAKDOWN_RISK_LABEL };
}
