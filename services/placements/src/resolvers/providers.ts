import { randomUUID } from "node:crypto";
import { UUID } from "@caregraph/platform";
import { ageOn, compareDates, toUtc } from "@caregraph/platform/calendar";
import { now, today } from "@caregraph/platform/clock";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import type { Context } from "../context";
import { directory } from "../context";
import { checkAgeRange, checkWithinTerms } from "../domain/matching";
import { normalisePostcode, normaliseUrn } from "../domain/placement-rules";
import { placementMatchConfirmed } from "../events/published";
import type { MutationResolvers } from "../generated/graphql";

/**
 * Providers, foster carers and vacancies: the local authority's own records, not any one child's.
 * Audited; no events yet (every event on the bus is keyed by a child).
 */
const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });

const required = (value: string, field: string) => {
  const v = value.trim();
  if (!v) invalidInput(field, "REQUIRED", "cannot be blank");
  return v;
};

export const providerMutations: Pick<MutationResolvers, "recordProvider" | "approveFosterCarer" | "openVacancy" | "confirmPlacementMatch"> = {
  async recordProvider(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const name = required(input.name, "input.name");
    const urn = normaliseUrn(input.urn);
    return db.$transaction(async (tx) => {
      const provider = await tx.provider.create({ data: { id: randomUUID(), tenant: ctx.identity.tenant, name, urn, ofstedRating: input.ofstedRating ?? null } });
      await recorder.change(tx, actor(ctx), {
        action: "provider.recorded",
        entity: "Provider",
        entityId: provider.id,
        details: { urn, ofstedRating: provider.ofstedRating },
      });
      return provider;
    });
  },

  async approveFosterCarer(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const name = required(input.name, "input.name");
    checkAgeRange(input.ageFrom, input.ageTo);
    if (input.maxChildren < 1) invalidInput("input.maxChildren", "AT_LEAST_ONE", "a carer is approved for at least one child");
    if (compareDates(input.approvedOn, today()) > 0) invalidInput("input.approvedOn", "NOT_IN_FUTURE", `cannot be after today (${today()})`);
    if (input.lastReviewedOn && (compareDates(input.lastReviewedOn, input.approvedOn) < 0 || compareDates(input.lastReviewedOn, today()) > 0)) {
      invalidInput("input.lastReviewedOn", "BETWEEN_APPROVAL_AND_TODAY", "a review is on or after approval and not after today");
    }
    return db.$transaction(async (tx) => {
      const carer = await tx.fosterCarer.create({
        data: {
          id: randomUUID(),
          tenant: ctx.identity.tenant,
          name,
          approvedOn: toUtc(input.approvedOn),
          ageFrom: input.ageFrom,
          ageTo: input.ageTo,
          maxChildren: input.maxChildren,
          lastReviewedOn: input.lastReviewedOn ? toUtc(input.lastReviewedOn) : null,
        },
      });
      const terms = { approvedOn: input.approvedOn, ageFrom: carer.ageFrom, ageTo: carer.ageTo, maxChildren: carer.maxChildren };
      await recorder.change(tx, actor(ctx), {
        action: "foster_carer.approved",
        entity: "FosterCarer",
        entityId: carer.id,
        details: terms,
      });
      return carer;
    });
  },

  async openVacancy(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const tenant = ctx.identity.tenant;
    if (Boolean(input.fosterCarerId) === Boolean(input.providerId)) {
      invalidInput("input.fosterCarerId", "CARER_OR_PROVIDER", "a vacancy is with a foster carer or with a provider: give one of fosterCarerId, providerId");
    }
    checkAgeRange(input.ageFrom, input.ageTo);
    if (input.places < 1) invalidInput("input.places", "AT_LEAST_ONE", "a vacancy has at least one place");
    const carer = input.fosterCarerId && UUID.test(input.fosterCarerId) ? await db.fosterCarer.findFirst({ where: { id: input.fosterCarerId, tenant } }) : null;
    if (input.fosterCarerId && !carer) throw new NotFoundError("input.fosterCarerId", "foster carer");
    const provider = input.providerId && UUID.test(input.providerId) ? await db.provider.findFirst({ where: { id: input.providerId, tenant } }) : null;
    if (input.providerId && !provider) throw new NotFoundError("input.providerId", "provider");
    if (carer) checkWithinTerms(input, carer);
    const postcode = normalisePostcode(input.postcode);
    return db.$transaction(async (tx) => {
      const vacancy = await tx.vacancy.create({
        data: {
          id: randomUUID(),
          tenant,
          type: input.type,
          ageFrom: input.ageFrom,
          ageTo: input.ageTo,
          places: input.places,
          fosterCarerId: carer?.id ?? null,
          providerId: provider?.id ?? null,
          postcode,
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "vacancy.opened",
        entity: "Vacancy",
        entityId: vacancy.id,
        details: { type: vacancy.type, places: vacancy.places, fosterCarerId: vacancy.fosterCarerId, providerId: vacancy.providerId },
      });
      return vacancy;
    });
  },

  /**
   * A team manager confirms the choice of a vacancy for a child (after placementMatches, which is
   * decision support). The vacancy must be open and take the child's age today; it closes when its
   * places are all taken. The move itself is then recorded with startPlacement / changePlacement.
   */
  async confirmPlacementMatch(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId, "input.childId");
    const found = UUID.test(input.vacancyId) ? await db.vacancy.findFirst({ where: { id: input.vacancyId, tenant: child.tenant } }) : null;
    if (!found) throw new NotFoundError("input.vacancyId", "vacancy");
    const reason = input.reason?.trim() || null;
    return db.$transaction(async (tx) => {
      // One confirmation per vacancy at a time: the places count cannot be overtaken.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `placements:vacancy:${found.id}`);
      const vacancy = (await tx.vacancy.findUnique({ where: { id: found.id } }))!;
      if (vacancy.closedAt) invalidInput("input.vacancyId", "VACANCY_CLOSED", "this vacancy is closed: its places are taken");
      const age = ageOn(child.dateOfBirth, today());
      if (age < vacancy.ageFrom || age > vacancy.ageTo) {
        invalidInput("input.vacancyId", "OUTSIDE_AGE_RANGE", `the child is ${age}; the vacancy takes children aged ${vacancy.ageFrom}–${vacancy.ageTo}`);
      }
      if (await tx.vacancyMatch.findFirst({ where: { vacancyId: vacancy.id, childId: child.id } })) {
        invalidInput("input.vacancyId", "ALREADY_MATCHED", "this child is already matched with this vacancy");
      }
      const match = await tx.vacancyMatch.create({
        data: { id: randomUUID(), tenant: child.tenant, vacancyId: vacancy.id, childId: child.id, reason, confirmedBy: ctx.identity.userId, confirmedAt: now() },
      });
      const taken = await tx.vacancyMatch.count({ where: { vacancyId: vacancy.id } });
      const after = taken >= vacancy.places ? await tx.vacancy.update({ where: { id: vacancy.id }, data: { closedAt: now() } }) : vacancy;
      await recorder.change(tx, actor(ctx), {
        action: "placement_match.confirmed",
        entity: "VacancyMatch",
        entityId: match.id,
        childId: child.id,
        details: { vacancyId: vacancy.id, reason, placesTaken: taken, vacancyClosed: after.closedAt !== null },
        events: [placementMatchConfirmed(match, after)],
      });
      return match;
    });
  },
};
