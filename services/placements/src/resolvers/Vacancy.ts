import { explain, fromUtc } from "@caregraph/platform/calendar";
import { annualReviewDue } from "../domain/matching";
import type { FosterCarerResolvers, PlacementMatchConfirmationResolvers, VacancyResolvers } from "../generated/graphql";

export const Vacancy: VacancyResolvers = {
  provider: (v, _, ctx) => (v.providerId ? ctx.deps.db.provider.findFirst({ where: { id: v.providerId, tenant: ctx.identity.tenant } }) : null),
  fosterCarer: (v, _, ctx) => (v.fosterCarerId ? ctx.deps.db.fosterCarer.findFirst({ where: { id: v.fosterCarerId, tenant: ctx.identity.tenant } }) : null),
  placesTaken: (v, _, ctx) => ctx.deps.db.vacancyMatch.count({ where: { vacancyId: v.id, tenant: ctx.identity.tenant } }),
  open: (v) => v.closedAt === null,
};

export const PlacementMatchConfirmation: PlacementMatchConfirmationResolvers = {
  vacancy: async (m, _, ctx) => (await ctx.deps.db.vacancy.findFirst({ where: { id: m.vacancyId, tenant: ctx.identity.tenant } }))!,
};

const reviewDue = (c: { approvedOn: Date; lastReviewedOn: Date | null }) => annualReviewDue(fromUtc(c.approvedOn), c.lastReviewedOn && fromUtc(c.lastReviewedOn));

export const FosterCarer: FosterCarerResolvers = {
  approvedOn: (c) => fromUtc(c.approvedOn),
  lastReviewedOn: (c) => (c.lastReviewedOn ? fromUtc(c.lastReviewedOn) : null),
  annualReviewDueDate: (c) => reviewDue(c).date,
  annualReviewDueExplanation: (c) => explain("Annual review of the foster carer's approval", reviewDue(c)),
};
