import { randomUUID } from "node:crypto";
import { birthday, compareDates, formatDate, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { today } from "@caregraph/platform/clock";
import { Context, directory } from "../context";
import type { LeavingCareRecord, Prisma } from "../generated/prisma/client";
import type { MutationResolvers } from "../generated/graphql";
import { lockChild, reconcile } from "../leaving-care";
import { needsAssessmentDone, pathwayPlanReviewed, stayingArrangementStarted } from "../chronology";
import type { NewEvent } from "@caregraph/platform";

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

/**
 * One change to a child's leaving-care record: checked against the record as it stands inside the
 * per-child lock (a double submit cannot pass twice), then the status and its tasks follow, with
 * the audit entry and events in the same transaction.
 */
async function changeRecord(
  ctx: Context,
  childId: string,
  c: {
    check?: (row: LeavingCareRecord) => void;
    data: Prisma.LeavingCareRecordUpdateInput;
    completed?: Parameters<typeof reconcile>[3];
    action: string;
    details: Record<string, unknown>;
    /** What the chronology is told of the change itself (a status change follows from reconcile). */
    chronology?: (childId: string) => NewEvent;
  },
): Promise<LeavingCareRecord> {
  const found = await recordOf(ctx, childId);
  return ctx.deps.db.$transaction(async (tx) => {
    await lockChild(tx, found.childId);
    const row = await tx.leavingCareRecord.findUniqueOrThrow({ where: { childId: found.childId } });
    c.check?.(row);
    await tx.leavingCareRecord.update({ where: { childId: row.childId }, data: c.data });
    const { record, events } = await reconcile(tx, row.tenant, row.childId, c.completed);
    await ctx.deps.recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
      action: c.action,
      entity: "LeavingCare",
      entityId: row.childId,
      childId: row.childId,
      details: c.details,
      events: [...(c.chronology ? [c.chronology(row.childId)] : []), ...events],
    });
    return record ?? row;
  });
}

export const Mutation: MutationResolvers = {
  /** CPPCR 2010 reg 42: the needs assessment of an eligible or relevant child. */
  async recordNeedsAssessment(_, { input }, ctx) {
    notInFuture("input.completedOn", input.completedOn);
    return changeRecord(ctx, input.childId, {
      check(row) {
        const b16 = birthday(fromUtc(row.dateOfBirth), 16);
        if (compareDates(input.completedOn, b16) < 0) {
          invalidInput("input.completedOn", "NOT_BEFORE_16TH_BIRTHDAY", `a leaving-care needs assessment cannot be before the 16th birthday (${formatDate(b16)})`);
        }
        if (row.needsAssessmentCompletedOn) {
          invalidInput("input.childId", "ALREADY_ASSESSED", `the needs assessment was already recorded as completed on ${formatDate(fromUtc(row.needsAssessmentCompletedOn))}`);
        }
      },
      data: { needsAssessmentCompletedOn: toUtc(input.completedOn) },
      completed: { task: "NEEDS", on: input.completedOn },
      chronology: (childId) => needsAssessmentDone(childId, input.completedOn),
      action: "leaving-care.needs-assessment.recorded",
      details: { completedOn: input.completedOn },
    });
  },

  /** A pathway plan review; the next one is due 6 months on (source not verified: see domain/status.ts). */
  async recordPathwayPlanReview(_, { input }, ctx) {
    notInFuture("input.reviewedOn", input.reviewedOn);
    return changeRecord(ctx, input.childId, {
      check(row) {
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
      },
      data: { pathwayPlanReviewedOn: toUtc(input.reviewedOn) },
      completed: { task: "PATHWAY", on: input.reviewedOn },
      chronology: (childId) => pathwayPlanReviewed(childId, input.reviewedOn),
      action: "leaving-care.pathway-plan.reviewed",
      details: { reviewedOn: input.reviewedOn },
    });
  },

  /** CA 1989 s.23CZB (not verified here): support to 25 on request; the status follows at once. */
  async recordSupportTo25(_, { input }, ctx) {
    return changeRecord(ctx, input.childId, {
      data: { supportTo25: input.requested },
      action: "leaving-care.support-to-25.recorded",
      details: { requested: input.requested },
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
        events: [stayingArrangementStarted(row.childId, { id, kind: input.kind, endDate: input.endDate ?? null }, input.startDate)],
      });
      return row;
    });
  },
};
