import { fromUtc } from "@caregraph/platform/calendar";
import type { LeavingCareResolvers } from "../generated/graphql";
import { needsAssessment, pathwayReview } from "../leaving-care";

const date = (v: Date | null) => (v ? fromUtc(v) : null);

export const LeavingCare: LeavingCareResolvers = {
  childId: (r) => r.childId,
  eligibleFrom: (r) => date(r.eligibleFrom),
  needsAssessmentDueDate: (r) => needsAssessment(r)?.due.date ?? null,
  needsAssessmentExplanation: (r) => needsAssessment(r)?.explanation ?? null,
  needsAssessmentCompletedOn: (r) => date(r.needsAssessmentCompletedOn),
  pathwayPlanReviewDueDate: (r) => pathwayReview(r)?.due.date ?? null,
  pathwayPlanReviewExplanation: (r) => pathwayReview(r)?.explanation ?? null,
  pathwayPlanReviewedOn: (r) => date(r.pathwayPlanReviewedOn),
  stayingArrangements: (r, _, ctx) => ctx.stayingArrangements.load(r.childId),
  circumstances: async (r, _, ctx) => (await ctx.circumstances.load(r.childId)).at(-1) ?? null,
};
