import { today } from "@caregraph/platform/clock";
import { fromUtc } from "@caregraph/platform/calendar";
import { reviewAuthority, reviewExplanation } from "../domain/looked-after-reviews";
import type { LookedAfterReviewResolvers, ReviewParticipation } from "../generated/graphql";
import { itemStatus, local } from "./status";

export const LookedAfterReview: LookedAfterReviewResolvers = {
  dueDate: (r) => fromUtc(r.dueDate),
  heldOn: (r) => local(r.heldOn),
  cancelledOn: (r) => local(r.cancelledOn),
  // Only PN0–PN7 are ever written (the input is the ReviewParticipation enum).
  participation: (r) => (r.participation as ReviewParticipation | null) ?? null,
  status: (r) => itemStatus({ dueDate: fromUtc(r.dueDate), doneOn: local(r.heldOn), cancelledOn: local(r.cancelledOn) }, today()),
  authority: (r) => reviewAuthority(r.sequence),
  explanation: (r) => reviewExplanation(r.sequence, fromUtc(r.scheduledFrom)),
};
