import { chronologyEntryRecorded, NewEvent } from "@caregraph/platform";
import { fromUtc, LocalDate } from "@caregraph/platform/calendar";
import { PARTICIPATION, Participation } from "../domain/looked-after-reviews";
import type { CarePlanVersion, LookedAfterReview, StatutoryVisit } from "../generated/prisma/client";

/**
 * What the care-planning domain tells the child's chronology: reviews held (with the child's
 * participation code), visits made, care plan versions — never the plan's text, the wishes and
 * feelings, an agency's contribution or the IRO's id.
 */
export const reviewHeld = (r: LookedAfterReview & { heldOn: Date }): NewEvent =>
  chronologyEntryRecorded(r.childId, {
    entryId: `looked-after-review:${r.id}`,
    kind: "LookedAfterReviewHeld",
    on: fromUtc(r.heldOn),
    summary: `Looked-after review ${r.sequence} held${r.participation ? `; participation ${r.participation} (${PARTICIPATION[r.participation as Participation]})` : ""}`,
  });

export const visitMade = (v: StatutoryVisit & { visitedOn: Date }): NewEvent =>
  chronologyEntryRecorded(v.childId, { entryId: `statutory-visit:${v.id}`, kind: "StatutoryVisitMade", on: fromUtc(v.visitedOn), summary: "Statutory visit made" });

/** A new version of the plan, on the day it was recorded (the plan has no other date). */
export const carePlanRecorded = (p: CarePlanVersion, on: LocalDate): NewEvent =>
  chronologyEntryRecorded(p.childId, { entryId: `care-plan:${p.id}`, kind: "CarePlanRecorded", on, summary: `Care plan recorded (version ${p.version})` });
