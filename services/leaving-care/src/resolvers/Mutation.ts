import { randomUUID } from "node:crypto";
import { compareDates, formatDate, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { today } from "@caregraph/platform/clock";
import { Context, directory } from "../context";
import { birthday } from "../domain/status";
import type { LeavingCareRecord } from "../generated/prisma/client";
import type { MutationResolvers } from "../generated/graphql";
import { lockChild, reconcile } from "../leaving-care";

/** DfE ACCOM letters that only ever take the "unsuitable" suffix (S2, X2). */
const NEVER_SUITABLE = ["S", "X"];

function notInFuture(field: string, on: LocalDate) {
  if (compareDates(on, today()) > 0) invalidInput(field, "NOT_IN_FUTURE", "cannot be recorded as done on a future date");
}

/** The child's leaving-care record in the caller's local authority (unknown child: NOT_FOUND naming input.childId). */
async function recordOf(ctx: Context, childId: string): Promise<LeavingCareRecord> {
  const { db } = ctx.deps;
  const child = await directory.require(db, ctx.identity, childId);
  const row = await db.leavingCareRecord.findFirst({ where: { tenant: ctx.tenant, childId: child.id } });
  if (!row) invalidInput("input.childId", "NOT_REGISTERED_HERE", "the child's date of birth has not reached the leaving-care service yet");
  return row;
}

export const Mutation: MutationResolvers = {
  /** CPPCR 2010 reg 42: the needs assessment of an eligible or relevant child. */
  async recordNeedsAssessment(_, { input }, ctx) {
    const row = await recordOf(ctx, input.childId);
    notInFuture("input.completedOn", input.completedOn);
    const b16 = birthday(fromUtc(row.dateOfBirth), 16);
    if (compareDates(input.completedOn, b16) < 0) {
      invalidInput("input.completedOn", "NOT_BEFORE_16TH_BIRTHDAY", `a leaving-care needs assessment cannot be before the 16th birthday (${formatDate(b16)})`);
    }
    if (row.needsAssessmentCompletedOn) {
      invalidInput("input.childId", "ALREADY_ASSESSED", `the needs assessment was already recorded as completed on ${formatDate(fromUtc(row.needsAssessmentCompletedOn))}`);
    }
    return ctx.deps.db.$transaction(async (tx) => {
      await lockChild(tx, row.childId);
      await tx.leavingCareRecord.update({ where: { childId: row.childId }, data: { needsAssessmentCompletedOn: toUtc(input.completedOn) } });
      const { record, events } = await reconcile(tx, row.tenant, row.childId, { task: "NEEDS", on: input.completedOn });
      await ctx.deps.recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "leaving-care.needs-assessment.recorded",
        entity: "LeavingCare",
        entityId: row.childId,
        childId: row.childId,
        details: { completedOn: input.completedOn },
        events,
      });
      return record ?? row;
    });
  },

  /** A pathway plan review; the next one is due 6 months on (source not verified: see domain/status.ts). */
  async recordPathwayPlanReview(_, { input }, ctx) {
    const row = await recordOf(ctx, input.childId);
    notInFuture("input.reviewedOn", input.reviewedOn);
    if (!row.needsAssessmentCompletedOn) {
      invalidInput("input.childId", "NEEDS_ASSESSMENT_FIRST", "the pathway plan follows the needs assessment (CPPCR 2010 reg 43): record the needs assessment first");
    }
    const assessed = fromUtc(row.needsAssessmentCompletedOn);
    if (compareDates(input.reviewedOn, assessed) < 0) {
      invalidInput("input.reviewedOn", "NOT_BEFORE_NEEDS_ASSESSMENT", `cannot be before the needs assessment on ${formatDate(assessed)}`);
    }
    if (row.pathwayPlanReviewedOn && compareDates(input.reviewedOn, fromUtc(row.pathwayPlanReviewedOn)) <= 0) {
      invalidInput("input.reviewedOn", "AFTER_LAST_REVIEW", `must be after the last review on ${formatDate(fromUtc(row.pathwayPlanReviewedOn))}`);
    }
    return ctx.deps.db.$transaction(async (tx) => {
      await lockChild(tx, row.childId);
      await tx.leavingCareRecord.update({ where: { childId: row.childId }, data: { pathwayPlanReviewedOn: toUtc(input.reviewedOn) } });
      const { record, events } = await reconcile(tx, row.tenant, row.childId, { task: "PATHWAY", on: input.reviewedOn });
      await ctx.deps.recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "leaving-care.pathway-plan.reviewed",
        entity: "LeavingCare",
        entityId: row.childId,
        childId: row.childId,
        details: { reviewedOn: input.reviewedOn },
        events,
      });
      return record ?? row;
    });
  },

  /** CA 1989 s.23CZB (not verified here): support to 25 on request; the status follows at once. */
  async recordSupportTo25(_, { input }, ctx) {
    const row = await recordOf(ctx, input.childId);
    return ctx.deps.db.$transaction(async (tx) => {
      await lockChild(tx, row.childId);
      await tx.leavingCareRecord.update({ where: { childId: row.childId }, data: { supportTo25: input.requested } });
      const { record, events } = await reconcile(tx, row.tenant, row.childId);
      await ctx.deps.recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "leaving-care.support-to-25.recorded",
        entity: "LeavingCare",
        entityId: row.childId,
        childId: row.childId,
        details: { requested: input.requested },
        events,
      });
      return record ?? row;
    });
  },

  /** DfE SSDA903 OC3 ACTIV / ACCOM: the activity and accommodation of a care leaver on a day. */
  async recordCareLeaverCircumstances(_, { input }, ctx) {
    const row = await recordOf(ctx, input.childId);
    notInFuture("input.recordedOn", input.recordedOn);
    const b16 = birthday(fromUtc(row.dateOfBirth), 16);
    if (compareDates(input.recordedOn, b16) < 0) {
      invalidInput("input.recordedOn", "NOT_BEFORE_16TH_BIRTHDAY", `leaving-care circumstances are recorded from the 16th birthday (${formatDate(b16)})`);
    }
    if (input.accommodationSuitable && NEVER_SUITABLE.includes(input.accommodation)) {
      invalidInput("input.accommodationSuitable", "ACCOMMODATION_NEVER_SUITABLE", `accommodation ${input.accommodation} is always unsuitable in the DfE return (codes ${input.accommodation}2 only)`);
    }
    return ctx.deps.db.$transaction(async (tx) => {
      const id = randomUUID();
      await tx.careLeaverCircumstances.create({
        data: {
          id,
          tenant: row.tenant,
          childId: row.childId,
          recordedOn: toUtc(input.recordedOn),
          activity: input.activity,
          accommodation: input.accommodation,
          accommodationSuitable: input.accommodationSuitable,
        },
      });
      await ctx.deps.recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "leaving-care.circumstances.recorded",
        entity: "CareLeaverCircumstances",
        entityId: id,
        childId: row.childId,
        details: { recordedOn: input.recordedOn, activity: input.activity, accommodation: input.accommodation, accommodationSuitable: input.accommodationSuitable },
      });
      return row;
    });
  },

  /** CA 1989 s.23CZA (Staying Put) and Staying Close guidance: from the 18th birthday. */
  async recordStayingArrangement(_, { input }, ctx) {
    const row = await recordOf(ctx, input.childId);
    notInFuture("input.startDate", input.startDate);
    const b18 = birthday(fromUtc(row.dateOfBirth), 18);
    if (compareDates(input.startDate, b18) < 0) {
      invalidInput("input.startDate", "FROM_18TH_BIRTHDAY", `Staying Put and Staying Close start on or after the 18th birthday (${formatDate(b18)})`);
    }
    if (input.endDate && compareDates(input.endDate, input.startDate) < 0) {
      invalidInput("input.endDate", "NOT_BEFORE_START", "an arrangement cannot end before it starts");
    }
    return ctx.deps.db.$transaction(async (tx) => {
      const id = randomUUID();
      await tx.stayingArrangement.create({
        data: {
          id,
          tenant: row.tenant,
          childId: row.childId,
          kind: input.kind,
          startDate: toUtc(input.startDate),
          endDate: input.endDate ? toUtc(input.endDate) : null,
        },
      });
      await ctx.deps.recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "leaving-care.staying-arrangement.recorded",
        entity: "StayingArrangement",
        entityId: id,
        childId: row.childId,
        details: { kind: input.kind, startDate: input.startDate, endDate: input.endDate ?? null },
      });
      return row;
    });
  },
};
