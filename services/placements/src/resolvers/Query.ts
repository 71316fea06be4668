import { fromUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { directory } from "../context";
import { annualReviewDue, Match, matchVacancy } from "../domain/matching";
import type { QueryResolvers } from "../generated/graphql";
import type { Vacancy } from "../generated/prisma/client";

export type MatchParent = Match & { vacancy: Vacancy };

export const Query: QueryResolvers = {
  /** Every open vacancy of the tenant scored for the child; no match when the child's age is outside its range. */
  async placementMatches(_, { childId, first }, ctx) {
    const n = first ?? 10;
    if (n < 1 || n > 50) invalidInput("first", "RANGE", "between 1 and 50");
    const { db } = ctx.deps;
    const child = await directory.require(db, ctx.identity, childId, "childId");
    const vacancies = await db.vacancy.findMany({ where: { tenant: child.tenant, closedAt: null }, orderBy: { createdAt: "asc" } });
    const carers = await db.fosterCarer.findMany({ where: { id: { in: vacancies.flatMap((v) => (v.fosterCarerId ? [v.fosterCarerId] : [])) } } });
    const providers = await db.provider.findMany({ where: { id: { in: vacancies.flatMap((v) => (v.providerId ? [v.providerId] : [])) } } });
    const on = today();
    const matches = vacancies.flatMap((vacancy) => {
      const carer = carers.find((c) => c.id === vacancy.fosterCarerId);
      const provider = providers.find((p) => p.id === vacancy.providerId);
      const m = matchVacancy(
        child.dateOfBirth,
        {
          ageFrom: vacancy.ageFrom,
          ageTo: vacancy.ageTo,
          places: vacancy.places,
          ofstedRating: provider?.ofstedRating ?? null,
          carerReviewDue: carer ? annualReviewDue(fromUtc(carer.approvedOn), carer.lastReviewedOn && fromUtc(carer.lastReviewedOn)).date : null,
          carerMaxChildren: carer?.maxChildren ?? null,
        },
        on,
      );
      return m ? [{ ...m, vacancy }] : [];
    });
    return matches.sort((a, b) => b.score - a.score).slice(0, n);
  },
};
