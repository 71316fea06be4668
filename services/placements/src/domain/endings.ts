import { compareDates, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * How a placement ends. A planned move carries a transition plan and a risk assessment, both done
 * by the day of the move; an unplanned ending (a disruption) is followed by a disruption meeting.
 * Source: practice guidance and local procedures (e.g. the tri.x / proceduresonline "disruption
 * meetings" chapters), not a regulation: CPPCR 2010 reg 9 and Sch 2 ask for a placement plan, not these.
 */
export interface MoveMade {
  date: LocalDate;
  planned?: boolean | null;
  transitionPlanAgreedOn?: LocalDate | null;
  riskAssessmentCompletedOn?: LocalDate | null;
}

export function checkPlannedMove(m: MoveMade): void {
  const papers = [
    ["input.transitionPlanAgreedOn", "TRANSITION_PLAN_REQUIRED", "transition plan", m.transitionPlanAgreedOn],
    ["input.riskAssessmentCompletedOn", "RISK_ASSESSMENT_REQUIRED", "risk assessment", m.riskAssessmentCompletedOn],
  ] as const;
  for (const [field, rule, what, on] of papers) {
    if (m.planned !== true) {
      if (on) invalidInput(field, "PLANNED_MOVE_ONLY", `a ${what} belongs to a planned move (planned: true)`);
      continue;
    }
    if (!on) invalidInput(field, rule, `a planned move carries a ${what}: say when it was done`);
    if (compareDates(on, m.date) > 0) invalidInput(field, "BY_THE_MOVE", `a planned move's ${what} is done by the day of the move (${m.date})`);
  }
}

export interface EndedPlacement {
  startDate: LocalDate;
  endDate: LocalDate | null;
  endingPlanned: boolean | null;
}

/** A disruption meeting follows an unplanned ending: not before the placement began, not in the future. */
export function checkDisruptionMeeting(p: EndedPlacement, heldOn: LocalDate, today: LocalDate): void {
  if (p.endDate === null || p.endingPlanned !== false) {
    invalidInput("input.placementId", "UNPLANNED_ENDING", "a disruption meeting is recorded for a placement that ended unplanned (planned: false)");
  }
  if (compareDates(heldOn, p.startDate) < 0) invalidInput("input.heldOn", "NOT_BEFORE_START", `cannot be before the placement started (${p.startDate})`);
  if (compareDates(heldOn, today) > 0) invalidInput("input.heldOn", "NOT_IN_FUTURE", `cannot be after today (${today})`);
}
