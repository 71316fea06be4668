import { fromUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { directory } from "../context";
import { annualReviewDue, Match, matchVacancy } from "../domain/matching";
import { stabilityReport } from "../domain/stability-report";
import { reportRows } from "../stability-report";
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
    // The child's home postcode (HOME_POST of the latest placement that has one) and siblings known
    // from the family domain, with the vacancies they are matched with (placed together).
    const home = await db.placement.findFirst({
      where: { tenant: child.tenant, childId: child.id, voidedAt: null, homePostcode: { not: null } },
      orderBy: { startDate: "desc" },
    });
    const siblings = await db.siblingLink.findMany({ where: { tenant: child.tenant, childId: child.id } });
    const siblingMatches = siblings.length
      ? await db.vacancyMatch.findMany({ where: { tenant: child.tenant, childId: { in: siblings.map((x) => x.siblingChildId) } } })
      : [];
    const matchedVacancies = siblingMatches.length
      ? await db.vacancy.findMany({ where: { tenant: child.tenant, id: { in: siblingMatches.map((m) => m.vacancyId) } } })
      : [];
    /** Siblings matched with the same vacancy, foster carer or provider as `v`. */
    const siblingsHere = (v: Vacancy) =>
      new Set(
        siblingMatches
          .filter((m) => {
            const w = matchedVacancies.find((x) => x.id === m.vacancyId);
            return w && (w.id === v.id || (v.fosterCarerId && w.fosterCarerId === v.fosterCarerId) || (v.providerId && w.providerId === v.providerId));
          })
          .map((m) => m.childId),
      ).size;
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
          postcode: vacancy.postcode,
        },
        on,
        { homePostcode: home?.homePostcode ?? null, siblings: siblings.length, siblingsMatchedHere: siblingsHere(vacancy) },
      );
      return m ? [{ ...m, vacancy }] : [];
    });
    return matches.sort((a, b) => b.score - a.score).slice(0, n);
  },

  /** The DfE stability measures over every child of the tenant in a placement on the day (one query; rules shared with Child.placementStability). */
  async placementStabilityReport(_, { on }, ctx) {
    return stabilityReport(await reportRows(ctx.deps.db, ctx.identity.tenant, on), on);
  },
};
