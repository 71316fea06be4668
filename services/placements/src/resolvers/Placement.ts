import { fromUtc } from "@caregraph/platform/calendar";
import { PLACEMENT_TYPES } from "../domain/codes";
import { placementPlanDue, placementPlanExplanation } from "../domain/placement-plan";
import { approvalDecisionDue } from "../domain/temporary-approval";
import { explain } from "@caregraph/platform/calendar";
import type { PlacementResolvers } from "../generated/graphql";

export const Placement: PlacementResolvers = {
  typeDescription: (p) => PLACEMENT_TYPES[p.type],
  startDate: (p) => fromUtc(p.startDate),
  endDate: (p) => (p.endDate ? fromUtc(p.endDate) : null),
  // Stored on the placement that ended (DfE REASON_PLACE_CHANGE); changePlacement's answer carries the reason given.
  reasonForChange: (p) => p.reasonForChange ?? p.reasonGivenForMove ?? null,
  placementPlanDueDate: (p) => placementPlanDue(fromUtc(p.startDate)).date,
  placementPlanDueExplanation: (p) => placementPlanExplanation(fromUtc(p.startDate)),
  placementPlanPreparedOn: (p) => (p.placementPlanPreparedOn ? fromUtc(p.placementPlanPreparedOn) : null),
  temporaryApprovalEndsOn: (p) => (p.temporaryApprovalEndsOn ? fromUtc(p.temporaryApprovalEndsOn) : null),
  temporaryApprovalDecisionDue: (p) =>
    p.temporaryApprovalEndsOn ? explain("Decision on the connected person's temporary approval", approvalDecisionDue(fromUtc(p.temporaryApprovalEndsOn), p.temporaryApprovalExtended)) : null,
  transitionPlanAgreedOn: (p) => (p.transitionPlanAgreedOn ? fromUtc(p.transitionPlanAgreedOn) : null),
  riskAssessmentCompletedOn: (p) => (p.riskAssessmentCompletedOn ? fromUtc(p.riskAssessmentCompletedOn) : null),
  disruptionMeetingHeldOn: (p) => (p.disruptionMeetingHeldOn ? fromUtc(p.disruptionMeetingHeldOn) : null),
  previousPlacement: async (p, _, ctx) =>
    p.previousPlacementId ? ((await ctx.placements.load(p.childId)).find((q) => q.id === p.previousPlacementId) ?? null) : null,
};
