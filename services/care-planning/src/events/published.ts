import type { NewEvent, StatutoryTask } from "@caregraph/platform";
import { fromUtc } from "@caregraph/platform/calendar";
import type { CarePlanVersion, LookedAfterReview, StatutoryVisit } from "../generated/prisma/client";
import { reviewAuthority, reviewExplanation } from "../domain/looked-after-reviews";

/** What the care-planning domain tells the others (topic caregraph.care-planning.events), besides its statutory tasks. */

/** The work-tray view of a looked-after review. */
export const reviewTask = (r: LookedAfterReview): StatutoryTask => ({
  taskId: r.id,
  task: "LookedAfterReview",
  dueDate: fromUtc(r.dueDate),
  authority: reviewAuthority(r.sequence),
  explanation: reviewExplanation(r.sequence, fromUtc(r.scheduledFrom)),
});

/** The work-tray view of a statutory visit (its explanation was stored when the rule ran). */
export const visitTask = (v: StatutoryVisit, authority: string): StatutoryTask => ({
  taskId: v.id,
  task: "StatutoryVisit",
  dueDate: fromUtc(v.dueDate),
  authority,
  explanation: v.explanation,
});

export const lookedAfterReviewHeld = (r: LookedAfterReview): NewEvent => ({
  type: "LookedAfterReviewHeld",
  childId: r.childId,
  payload: {
    reviewId: r.id,
    sequence: r.sequence,
    dueDate: fromUtc(r.dueDate),
    heldOn: r.heldOn ? fromUtc(r.heldOn) : null,
    participation: r.participation,
    iroId: r.iroId,
  },
});

export const statutoryVisitMade = (v: StatutoryVisit): NewEvent => ({
  type: "StatutoryVisitMade",
  childId: v.childId,
  payload: { visitId: v.id, placementId: v.placementId, dueDate: fromUtc(v.dueDate), visitedOn: v.visitedOn ? fromUtc(v.visitedOn) : null },
});

export const carePlanRecorded = (p: CarePlanVersion): NewEvent => ({
  type: "CarePlanRecorded",
  childId: p.childId,
  payload: { carePlanId: p.id, version: p.version },
});
