import type { NewEvent, StatutoryTask } from "@caregraph/platform";
import { explain, fromUtc } from "@caregraph/platform/calendar";
import { RETURN_HOME_INTERVIEW_AUTHORITY, returnHomeInterviewDue } from "../domain/missing-episodes";
import { PLACEMENT_PLAN_AUTHORITY, placementPlanDue } from "../domain/placement-plan";
import { breakDays } from "../domain/short-breaks";
import { approvalDecisionDue, TEMPORARY_APPROVAL_AUTHORITY } from "../domain/temporary-approval";
import type { MissingEpisode, Placement, ShortBreak, Vacancy, VacancyMatch } from "../generated/prisma/client";

/** What the placements domain tells the others (topic caregraph.placements.events). Dates and codes, never names. */
export const placementStarted = (p: Placement, previousPlacementId: string | null): NewEvent => ({
  type: "PlacementStarted",
  childId: p.childId,
  payload: {
    placementId: p.id,
    type: p.type,
    provider: p.provider,
    startDate: fromUtc(p.startDate),
    /** A move: the child left another placement the same day (health, education react to it). */
    isMove: previousPlacementId !== null,
    previousPlacementId,
    /** The children's home's Ofsted URN, or null: who else may see the child (residential staff). */
    urn: p.urn,
    /** CPPCR 2010 reg 28(2): the visit interval after the first year depends on it (care-planning). */
    intendedToLastUntil18: p.intendedToLastUntil18,
    /**
     * CPPCR 2010 reg 24: a connected person approved temporarily, until this day (null: not such a
     * placement). While it lasts, visits are weekly until the first review, then at most every 4
     * weeks (reg 28(4)): care-planning's visit clock reads it.
     */
    temporaryApprovalEndsOn: p.temporaryApprovalEndsOn ? fromUtc(p.temporaryApprovalEndsOn) : null,
    /** Which visit rule applies: REG_28_4 (connected person approved temporarily) or REG_28_2. */
    visitRegime: p.temporaryApprovalEndsOn ? "REG_28_4" : "REG_28_2",
  },
});

export const placementEnded = (p: Placement): NewEvent => ({
  type: "PlacementEnded",
  childId: p.childId,
  payload: {
    placementId: p.id,
    type: p.type,
    endDate: p.endDate ? fromUtc(p.endDate) : null,
    reasonForChange: p.reasonForChange,
    /** true planned, false unplanned (a disruption), null not said. */
    endingPlanned: p.endingPlanned,
  },
});

/** A correction: the placement as it now stands (consumers recompute what depends on it). */
export const placementAmended = (p: Placement): NewEvent => ({
  type: "PlacementAmended",
  childId: p.childId,
  payload: {
    placementId: p.id,
    type: p.type,
    startDate: fromUtc(p.startDate),
    endDate: p.endDate ? fromUtc(p.endDate) : null,
    intendedToLastUntil18: p.intendedToLastUntil18,
    urn: p.urn,
  },
});

/** Entered in error: consumers drop what they derived from it. */
export const placementVoided = (p: Placement): NewEvent => ({
  type: "PlacementVoided",
  childId: p.childId,
  payload: { placementId: p.id },
});

export const missingEpisodeStarted = (e: MissingEpisode): NewEvent => ({
  type: "MissingEpisodeStarted",
  childId: e.childId,
  payload: { episodeId: e.id, kind: e.kind, startedAt: e.startedAt.toISOString() },
});

export const missingEpisodeEnded = (e: MissingEpisode): NewEvent => ({
  type: "MissingEpisodeEnded",
  childId: e.childId,
  payload: {
    episodeId: e.id,
    kind: e.kind,
    startedAt: e.startedAt.toISOString(),
    endedAt: e.endedAt?.toISOString() ?? null,
    returnInterviewDueAt: e.returnInterviewDueAt?.toISOString() ?? null,
  },
});

/** The work-tray view of an ended episode's return home interview (task id = episode id). */
export function returnHomeInterviewTask(e: MissingEpisode & { endedAt: Date }): StatutoryTask {
  const due = returnHomeInterviewDue(e.endedAt);
  return {
    taskId: e.id,
    task: "ReturnHomeInterview",
    dueDate: due.dueDate,
    dueAt: due.dueAt.toISOString(),
    authority: RETURN_HOME_INTERVIEW_AUTHORITY,
    explanation: due.explanation,
  };
}

/** The work-tray view of a placement's plan (CPPCR 2010 reg 9; task id = placement id). */
export function placementPlanTask(p: Placement): StatutoryTask {
  const due = placementPlanDue(fromUtc(p.startDate));
  return { taskId: p.id, task: "PlacementPlan", dueDate: due.date, authority: PLACEMENT_PLAN_AUTHORITY, explanation: explain("Placement plan", due) };
}

/** Reg 25: the temporary approval extended (care-planning's reg 28(4) visit clock runs on to the new end). */
export const temporaryApprovalExtended = (p: Placement): NewEvent => ({
  type: "TemporaryApprovalExtended",
  childId: p.childId,
  payload: { placementId: p.id, endsOn: p.temporaryApprovalEndsOn ? fromUtc(p.temporaryApprovalEndsOn) : null },
});

/** A corrected temporary approval (endsOn null: the placement never had one): care-planning's visit regime follows. */
export const temporaryApprovalAmended = (p: Placement): NewEvent => ({
  type: "TemporaryApprovalAmended",
  childId: p.childId,
  payload: { placementId: p.id, endsOn: p.temporaryApprovalEndsOn ? fromUtc(p.temporaryApprovalEndsOn) : null },
});

/** A short break corrected: as it now stands. */
export const shortBreakAmended = (b: ShortBreak): NewEvent => ({ ...shortBreakRecorded(b), type: "ShortBreakAmended" });

/** A short break entered in error. */
export const shortBreakVoided = (b: ShortBreak): NewEvent => ({ type: "ShortBreakVoided", childId: b.childId, payload: { shortBreakId: b.id } });

/** The work-tray task before a connected person's temporary approval lapses (decide: approve, extend or move). */
export function temporaryApprovalTask(p: Placement): StatutoryTask {
  const due = approvalDecisionDue(fromUtc(p.temporaryApprovalEndsOn!), p.temporaryApprovalExtended);
  return {
    taskId: `${p.id}:temporary-approval`,
    task: "ConnectedPersonTemporaryApproval",
    dueDate: due.date,
    authority: TEMPORARY_APPROVAL_AUTHORITY,
    explanation: explain("Decision on the connected person's temporary approval", due),
  };
}

/**
 * Reg 48: a short break (dates, length, DfE legal status V3/V4). Visits are as agreed with the IRO
 * and the parents (reg 48(3)), not reg 28(2): `visitRegime: AS_AGREED`, and care-planning starts no
 * visit clock for it (a short break is not a PlacementStarted).
 */
export const shortBreakRecorded = (b: ShortBreak): NewEvent => ({
  type: "ShortBreakRecorded",
  childId: b.childId,
  payload: {
    shortBreakId: b.id,
    startDate: fromUtc(b.startDate),
    endDate: fromUtc(b.endDate),
    days: breakDays({ startDate: fromUtc(b.startDate), endDate: fromUtc(b.endDate) }),
    legalStatus: b.legalStatus,
    visitRegime: "AS_AGREED",
  },
});

/** A team manager confirmed a vacancy for the child (decision recorded; the move itself is changePlacement). */
export const placementMatchConfirmed = (m: VacancyMatch, vacancy: Vacancy): NewEvent => ({
  type: "PlacementMatchConfirmed",
  childId: m.childId,
  payload: { matchId: m.id, vacancyId: m.vacancyId, type: vacancy.type, fosterCarerId: vacancy.fosterCarerId, providerId: vacancy.providerId, vacancyClosed: vacancy.closedAt !== null },
});

/** After an unplanned ending: the disruption meeting held. */
export const disruptionMeetingHeld = (p: Placement): NewEvent => ({
  type: "DisruptionMeetingHeld",
  childId: p.childId,
  payload: { placementId: p.id, heldOn: p.disruptionMeetingHeldOn ? fromUtc(p.disruptionMeetingHeldOn) : null },
});
