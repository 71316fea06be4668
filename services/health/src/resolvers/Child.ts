import { fromUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { unregistered } from "../domain/registrations";
import type { ChildResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's (or an archived) child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  healthAssessments: ({ id }, _, ctx) => ctx.assessments.load(id),
  nextHealthAssessment: async ({ id }, _, ctx) =>
    (await ctx.assessments.load(id)).find((a) => !a.completedOn && !a.cancelledOn) ?? null,
  healthSummary: ({ id }) => ({ childId: id }),
  immunisations: ({ id }, _, ctx) => ctx.immunisations.load(id),
  dentalChecks: ({ id }, _, ctx) => ctx.dentalChecks.load(id),
  sdqs: ({ id }, _, ctx) => ctx.sdqs.load(id),
  opticianChecks: ({ id }, _, ctx) => ctx.opticianChecks.load(id),
  consents: ({ id }, _, ctx) => ctx.consents.load(id),
  registrations: ({ id }, _, ctx) => ctx.registrations.load(id),
  unregisteredWith: async ({ id }, _, ctx) =>
    unregistered((await ctx.registrations.load(id)).map((r) => ({ kind: r.kind, registeredOn: fromUtc(r.registeredOn), endedOn: r.endedOn ? fromUtc(r.endedOn) : null })), today()),
  camhsReferrals: ({ id }, _, ctx) => ctx.camhsReferrals.load(id),
  substanceMisuse: ({ id }, _, ctx) => ctx.substanceMisuse.load(id),
  medicalHistory: ({ id }, _, ctx) => ctx.medicalHistory.load(id),
  healthActionPlan: ({ id }, _, ctx) => ctx.actions.load(id),
};
