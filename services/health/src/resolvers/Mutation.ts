import { randomUUID } from "node:crypto";
import { KnownChild, statutoryTaskCancelled, statutoryTaskCompleted, statutoryTaskScheduled } from "@caregraph/platform";
import { compareDates, formatDate, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import { now, today } from "@caregraph/platform/clock";
import { Context, directory } from "../context";
import { countsAsInitialAssessment, initialAssessmentWindowOpens } from "../domain/health-assessments";
import type { HealthAssessment, HealthAssessmentKind, Prisma } from "../generated/prisma/client";
import type { MutationResolvers } from "../generated/graphql";
import { openAssessments, reconcileReviews, supersedeReviews, task } from "../schedule";
import { assessmentDone, assessmentVoided } from "../chronology";
import { ENCRYPTED } from "../encrypted-fields";

type Tx = Prisma.TransactionClient;

/** When an assessment could have been done: not in the future, not before birth. */
function checkCompletedOn(completedOn: LocalDate, child: KnownChild, field = "input.completedOn") {
  if (compareDates(completedOn, today()) > 0) {
    invalidInput(field, "NOT_IN_FUTURE", "an assessment cannot be recorded as done on a future date");
  }
  if (compareDates(completedOn, child.dateOfBirth) < 0) {
    invalidInput(field, "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${child.dateOfBirth})`);
  }
}

/** CPPCR 2010 reg 7(2)(b): only an assessment in the 3 months before becoming looked after (or since) can be the IHA. */
function checkInitialWindow(completedOn: LocalDate, lookedAfterSince: LocalDate) {
  if (!countsAsInitialAssessment(lookedAfterSince, completedOn)) {
    invalidInput(
      "input.completedOn",
      "INITIAL_ASSESSMENT_WINDOW",
      `an assessment done before ${formatDate(initialAssessmentWindowOpens(lookedAfterSince))} (3 months before the child became looked after on ${formatDate(lookedAfterSince)}) cannot be the initial health assessment (CPPCR 2010 reg 7)`,
    );
  }
}

function requireReason(reason: string) {
  if (!reason.trim()) invalidInput("input.reason", "REASON_REQUIRED", "say why the record is being corrected");
}

/** A completed, not voided assessment of a child in the caller's local authority. */
async function completedAssessment(ctx: Context, id: string): Promise<{ row: HealthAssessment; child: KnownChild; completedOn: LocalDate }> {
  const { db } = ctx.deps;
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await db.healthAssessment.findFirst({ where: { id, tenant: ctx.identity.tenant } }) : null;
  if (!row) throw new NotFoundError("input.id", "health assessment");
  if (row.voidedAt) invalidInput("input.id", "ALREADY_VOIDED", "this assessment was already voided");
  if (!row.completedOn) {
    invalidInput("input.id", "NOT_COMPLETED", "only a completed assessment can be corrected; an open one is scheduled by the rules");
  }
  return { row, completedOn: fromUtc(row.completedOn), child: await directory.require(db, ctx.identity, row.childId, "input.id") };
}

const lockChild = (tx: Tx, childId: string) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `health:${childId}`);

export const Mutation: MutationResolvers = {
  /**
   * Completes the child's earliest open assessment (of `kind`, if given) — or records one that was
   * not scheduled — and works the next review out again from the latest completion.
   */
  async recordHealthAssessment(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    checkCompletedOn(input.completedOn, child);
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const at = { tenant: child.tenant, childId: child.id };
      const open = await openAssessments(tx, child.tenant, child.id);
      const openIha = open.find((a) => a.kind === "INITIAL");
      // An IHA-kind record must fall in the IHA's window; an unspecified one too old for it completes something else.
      if (input.kind === "INITIAL" && openIha) checkInitialWindow(input.completedOn, fromUtc(openIha.scheduledFrom));
      const target = open.find(
        (a) => (!input.kind || a.kind === input.kind) && (a.kind !== "INITIAL" || countsAsInitialAssessment(fromUtc(a.scheduledFrom), input.completedOn)),
      );
      const newId = randomUUID();
      const completed = target
        ? await tx.healthAssessment.update({
            where: { id: target.id },
            data: { completedOn: toUtc(input.completedOn), note: ENCRYPTED.assessmentNote.seal(target.id, input.note ?? null) },
          })
        : await tx.healthAssessment.create({
            data: {
              id: newId,
              ...at,
              kind: input.kind ?? "REVIEW",
              reason: "RECORDED",
              scheduledFrom: toUtc(input.completedOn),
              dueDate: toUtc(input.completedOn),
              completedOn: toUtc(input.completedOn),
              note: ENCRYPTED.assessmentNote.seal(newId, input.note ?? null),
            },
          });
      const superseded = await supersedeReviews(tx, open.filter((a) => a.id !== completed.id), input.completedOn);
      const next = await reconcileReviews(tx, child);
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "health_assessment.recorded",
        entity: "HealthAssessment",
        entityId: completed.id,
        childId: child.id,
        details: { kind: completed.kind, completedOn: input.completedOn },
        events: [
          statutoryTaskCompleted(child.id, task(completed), input.completedOn),
          assessmentDone({ ...completed, completedOn: toUtc(input.completedOn) }),
          ...superseded,
          ...next,
        ],
      });
      return completed;
    });
  },

  /** Corrects a completion's date, kind or note; the next review follows the corrected latest completion. */
  async amendHealthAssessment(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    requireReason(input.reason);
    const { row, child, completedOn: was } = await completedAssessment(ctx, input.id);
    const completedOn = input.completedOn ?? was;
    const kind: HealthAssessmentKind = input.kind ?? row.kind;
    if (kind !== row.kind && row.reason !== "RECORDED") {
      // A scheduled task stays the task it was; the wrong kind was recorded against it, so void and record again.
      invalidInput("input.kind", "SCHEDULED_KIND_FIXED", `this completed the ${row.kind === "INITIAL" ? "initial" : "review"} assessment that was due; void it and record what was done instead`);
    }
    checkCompletedOn(completedOn, child);
    const lookedAfterSince = row.reason === "BECAME_LOOKED_AFTER" ? fromUtc(row.scheduledFrom) : child.lookedAfterSince;
    if (kind === "INITIAL" && lookedAfterSince) checkInitialWindow(completedOn, lookedAfterSince);
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const amended = await tx.healthAssessment.update({
        where: { id: row.id },
        data: {
          completedOn: toUtc(completedOn),
          kind,
          ...(input.note === undefined ? {} : { note: ENCRYPTED.assessmentNote.seal(row.id, input.note) }),
          ...(row.reason === "RECORDED" ? { scheduledFrom: toUtc(completedOn), dueDate: toUtc(completedOn) } : {}),
        },
      });
      const next = await reconcileReviews(tx, child);
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "health_assessment.amended",
        entity: "HealthAssessment",
        entityId: row.id,
        childId: child.id,
        details: {
          reason: input.reason,
          // The note is free text (sealed in its column): the audit says whether it changed, never what it says.
          before: { completedOn: was, kind: row.kind },
          after: { completedOn, kind },
          noteChanged: input.note !== undefined && ENCRYPTED.assessmentNote.open(row.id, row.note) !== input.note,
        },
        events: [statutoryTaskCompleted(child.id, task(amended), completedOn), assessmentDone({ ...amended, completedOn: toUtc(completedOn) }), ...next],
      });
      return amended;
    });
  },

  /**
   * Voids a completion entered in error. A scheduled task it completed (an IHA or a review) opens
   * again while the child is looked after — the duty is still there; an unscheduled record is
   * voided outright. Either way the next review follows the latest completion that remains.
   */
  async voidHealthAssessment(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    requireReason(input.reason);
    const { row, child, completedOn } = await completedAssessment(ctx, input.id);
    const reopen = row.reason !== "RECORDED" && child.lookedAfterSince !== null;
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const after = reopen
        ? await tx.healthAssessment.update({ where: { id: row.id }, data: { completedOn: null, cancelledOn: null } })
        : await tx.healthAssessment.update({ where: { id: row.id }, data: { voidedAt: now(), voidReason: input.reason } });
      const first = reopen
        ? statutoryTaskScheduled(child.id, task(after))
        : statutoryTaskCancelled(child.id, task(after), `voided: ${input.reason}`);
      const next = await reconcileReviews(tx, child, reopen ? row.id : undefined);
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "health_assessment.voided",
        entity: "HealthAssessment",
        entityId: row.id,
        childId: child.id,
        details: { reason: input.reason, completedOn, kind: row.kind, reopened: reopen },
        events: [first, assessmentVoided(row), ...next],
      });
      return (await tx.healthAssessment.findUniqueOrThrow({ where: { id: row.id } }));
    });
  },
};
