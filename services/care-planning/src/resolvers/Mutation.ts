import { randomUUID } from "node:crypto";
import { statutoryTaskCompleted } from "@caregraph/platform";
import { fromUtc, todayInEngland, toUtc } from "@caregraph/platform/calendar";
import { now, today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { directory } from "../context";
import { contributionProblem, nextVersion } from "../domain/care-plan";
import { checkAfterPreviousReview, checkReviewHeld } from "../domain/looked-after-reviews";
import { checkVisit } from "../domain/statutory-visits";
import { carePlanRecorded, lookedAfterReviewHeld, reviewTask, statutoryVisitMade } from "../events/published";
import * as chronology from "../events/chronology";
import type { MutationResolvers } from "../generated/graphql";
import { lastHeldReview, lockChild, openReview, scheduleReview } from "../reviews";
import { currentPlacement, noteReviewHeld, openVisits, scheduleVisit, taskOf } from "../visits";

export const Mutation: MutationResolvers = {
  /**
   * Records the open review as held (creating it if its schedule has not arrived yet), with the
   * IRO allocated today and the child's participation, and schedules the next one from the day
   * it was actually held (CPPCR 2010 reg 33(2)).
   */
  async recordLookedAfterReview(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    const review = { heldOn: input.heldOn, today: today(), lookedAfterSince: child.lookedAfterSince, dateOfBirth: child.dateOfBirth, participation: input.participation };
    checkReviewHeld(review);
    const since = review.lookedAfterSince;
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const at = { tenant: child.tenant, childId: child.id };
      const open = await openReview(tx, child.tenant, child.id);
      const periodStart = open ? fromUtc(open.periodStart) : since;
      const last = await lastHeldReview(tx, child.tenant, child.id, periodStart);
      checkAfterPreviousReview(input.heldOn, last?.heldOn ? { sequence: last.sequence, heldOn: fromUtc(last.heldOn) } : null);
      const due =
        open ?? (await scheduleReview(tx, at, periodStart, (last?.sequence ?? 0) + 1, last?.heldOn ? fromUtc(last.heldOn) : periodStart)).review;
      const iro = await tx.workerAllocation.findUnique({ where: { childId_role: { childId: child.id, role: "IRO" } } });
      const held = await tx.lookedAfterReview.update({
        where: { id: due.id },
        data: { heldOn: toUtc(input.heldOn), participation: input.participation ?? null, iroId: iro?.tenant === child.tenant ? iro.workerId : null },
      });
      const next = await scheduleReview(tx, at, periodStart, held.sequence + 1, input.heldOn);
      await noteReviewHeld(tx, child.tenant, child.id, input.heldOn);
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "looked_after_review.held",
        entity: "LookedAfterReview",
        entityId: held.id,
        childId: child.id,
        details: { sequence: held.sequence, heldOn: input.heldOn, participation: held.participation, next: next.review.id },
        events: [
          statutoryTaskCompleted(child.id, reviewTask(held), input.heldOn),
          lookedAfterReviewHeld(held),
          chronology.reviewHeld({ ...held, heldOn: toUtc(input.heldOn) }),
          ...next.events,
        ],
      });
      return held;
    });
  },

  /**
   * Records a visit in the child's current placement and schedules the next from the day it was
   * made (CPPCR 2010 reg 28(2)).
   */
  async recordStatutoryVisit(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const placement = await currentPlacement(tx, child.tenant, child.id);
      if (!placement) invalidInput("input.childId", "NO_CURRENT_PLACEMENT", "the child has no current placement to visit");
      const last = await tx.statutoryVisit.findFirst({ where: { placementId: placement.id, visitedOn: { not: null } }, orderBy: { visitedOn: "desc" } });
      checkVisit({ visitedOn: input.visitedOn, today: today(), placementStart: fromUtc(placement.startDate), lastVisitedOn: last?.visitedOn ? fromUtc(last.visitedOn) : null });
      const [open] = await openVisits(tx, child.tenant, child.id, placement.id);
      const due =
        open ??
        (last?.visitedOn
          ? await scheduleVisit(tx, placement, "PREVIOUS_VISIT", fromUtc(last.visitedOn))
          : await scheduleVisit(tx, placement, "PLACEMENT_START", fromUtc(placement.startDate))
        ).visit;
      const made = await tx.statutoryVisit.update({ where: { id: due.id }, data: { visitedOn: toUtc(input.visitedOn) } });
      const next = await scheduleVisit(tx, placement, "PREVIOUS_VISIT", input.visitedOn);
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "statutory_visit.made",
        entity: "StatutoryVisit",
        entityId: made.id,
        childId: child.id,
        details: { placementId: placement.id, visitedOn: input.visitedOn, next: next.visit.id },
        events: [
          statutoryTaskCompleted(child.id, await taskOf(tx, made), input.visitedOn),
          statutoryVisitMade(made),
          chronology.visitMade({ ...made, visitedOn: toUtc(input.visitedOn) }),
          ...next.events,
        ],
      });
      return made;
    });
  },

  /** Records a new version of the care plan (CPPCR 2010 reg 5); earlier versions are kept as they were. */
  async recordCarePlan(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    if (!input.wishesAndFeelings.trim()) {
      invalidInput("input.wishesAndFeelings", "WISHES_AND_FEELINGS_RECORDED", "the plan records the child's wishes and feelings");
    }
    const contributions = (input.contributions ?? []).map((c) => ({ agency: c.agency.trim(), summary: c.summary.trim() }));
    const problem = contributionProblem(contributions);
    if (problem) invalidInput("input.contributions", "ONE_CONTRIBUTION_PER_AGENCY", problem);
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const latest = await tx.carePlanVersion.findFirst({ where: { tenant: child.tenant, childId: child.id }, orderBy: { version: "desc" } });
      const plan = await tx.carePlanVersion.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          version: nextVersion(latest?.version ?? null),
          wishesAndFeelings: input.wishesAndFeelings,
          placementSection: input.placementSection ?? null,
          healthSection: input.healthSection ?? null,
          educationSection: input.educationSection ?? null,
          contributions,
          recordedBy: ctx.identity.userId,
          recordedAt: now(),
        },
      });
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "care_plan.recorded",
        entity: "CarePlan",
        entityId: plan.id,
        childId: child.id,
        details: { version: plan.version },
        events: [carePlanRecorded(plan), chronology.carePlanRecorded(plan, todayInEngland(plan.recordedAt))],
      });
      return plan;
    });
  },
};
