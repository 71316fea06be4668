import { randomUUID } from "node:crypto";
import { statutoryTaskCompleted, statutoryTaskScheduled } from "@caregraph/platform";
import { compareDates, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import { today } from "@caregraph/platform/clock";
import { ENCRYPTED } from "../encrypted-fields";
import { Context, directory } from "../context";
import type { Problem } from "../domain/ages";
import { camhsProgressProblem } from "../domain/camhs";
import { registrationProblem } from "../domain/registrations";
import { substanceMisuseProblem } from "../domain/substance-misuse";
import type { MutationResolvers } from "../generated/graphql";
import type { Prisma } from "../generated/prisma/client";
import { actionTask, completeRegistrationTask } from "../health-tasks";

type Tx = Prisma.TransactionClient;

const lockChild = (tx: Tx, childId: string) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `health:${childId}`);
const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });
const refuse = (problem: Problem) => {
  if (problem) invalidInput(...problem);
};
const local = (d: Date | null) => (d ? fromUtc(d) : null);
const isId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

function pastDay(day: LocalDate | null | undefined, dateOfBirth: LocalDate, field: string): Problem {
  if (!day) return null;
  if (compareDates(day, today()) > 0) return [field, "NOT_IN_FUTURE", "cannot be a future date"];
  if (compareDates(day, dateOfBirth) < 0) return [field, "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`];
  return null;
}

/**
 * GP, dentist and optician registrations, CAMHS referrals, substance misuse, medical history and
 * health plan actions. CAMHS, substance misuse and medical history are special category data: they
 * publish no events and reach no chronology; their audit entries carry dates and kinds, never the words.
 */
export const HistoryMutations: MutationResolvers = {
  async recordRegistration(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    refuse(registrationProblem(input.practice, input.registeredOn, child.dateOfBirth, today()));
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const current = await tx.healthRegistration.findFirst({ where: { tenant: child.tenant, childId: child.id, kind: input.kind, endedOn: null, voidedAt: null } });
      if (current && compareDates(input.registeredOn, fromUtc(current.registeredOn)) <= 0) {
        invalidInput("input.registeredOn", "AFTER_CURRENT_REGISTRATION", `must be after the current registration's date (${fromUtc(current.registeredOn)})`);
      }
      if (current) await tx.healthRegistration.update({ where: { id: current.id }, data: { endedOn: toUtc(input.registeredOn) } });
      const row = await tx.healthRegistration.create({
        data: { id: randomUUID(), tenant: child.tenant, childId: child.id, kind: input.kind, practice: input.practice.trim(), registeredOn: toUtc(input.registeredOn) },
      });
      await recorder.change(tx, actor(ctx), {
        action: "health_registration.recorded",
        entity: "HealthRegistration",
        entityId: row.id,
        childId: child.id,
        details: { kind: row.kind, practice: row.practice, registeredOn: input.registeredOn, previousRegistrationId: current?.id ?? null },
        events: [
          { type: "HealthRegistrationRecorded", childId: child.id, payload: { registrationId: row.id, kind: row.kind, registeredOn: input.registeredOn } },
          ...(await completeRegistrationTask(tx, child, input.kind, input.registeredOn)),
        ],
      });
      return row;
    });
  },

  async recordCamhsReferral(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    refuse(pastDay(input.referredOn, child.dateOfBirth, "input.referredOn"));
    return db.$transaction(async (tx) => {
      const row = await tx.camhsReferral.create({ data: { id: randomUUID(), tenant: child.tenant, childId: child.id, referredOn: toUtc(input.referredOn) } });
      await recorder.change(tx, actor(ctx), { action: "camhs_referral.recorded", entity: "CamhsReferral", entityId: row.id, childId: child.id, details: { referredOn: input.referredOn }, events: [] });
      return row;
    });
  },

  async recordCamhsReferralProgress(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const row = isId(input.id) ? await db.camhsReferral.findFirst({ where: { id: input.id, tenant: ctx.identity.tenant } }) : null;
    if (!row) throw new NotFoundError("input.id", "CAMHS referral");
    const child = await directory.require(db, ctx.identity, row.childId, "input.id");
    refuse(camhsProgressProblem({ referredOn: fromUtc(row.referredOn), outcome: row.outcome }, input, today()));
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const data = {
        ...(input.outcome ? { outcome: input.outcome, decidedOn: toUtc(input.decidedOn!) } : {}),
        ...(input.firstSeenOn ? { firstSeenOn: toUtc(input.firstSeenOn) } : {}),
      };
      const after = await tx.camhsReferral.update({ where: { id: row.id }, data });
      await recorder.change(tx, actor(ctx), {
        action: "camhs_referral.progressed",
        entity: "CamhsReferral",
        entityId: row.id,
        childId: child.id,
        details: { outcome: after.outcome, decidedOn: local(after.decidedOn), firstSeenOn: local(after.firstSeenOn) },
        events: [],
      });
      return after;
    });
  },

  async recordSubstanceMisuse(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    refuse(substanceMisuseProblem(input, child.dateOfBirth, today()));
    return db.$transaction(async (tx) => {
      const row = await tx.substanceMisuse.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          identifiedOn: toUtc(input.identifiedOn),
          interventionOfferedOn: input.interventionOfferedOn ? toUtc(input.interventionOfferedOn) : null,
          interventionReceivedOn: input.interventionReceivedOn ? toUtc(input.interventionReceivedOn) : null,
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "substance_misuse.recorded",
        entity: "SubstanceMisuse",
        entityId: row.id,
        childId: child.id,
        details: { identifiedOn: input.identifiedOn, interventionOfferedOn: input.interventionOfferedOn ?? null, interventionReceivedOn: input.interventionReceivedOn ?? null },
        events: [],
      });
      return row;
    });
  },

  async recordSubstanceMisuseIntervention(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const row = isId(input.id) ? await db.substanceMisuse.findFirst({ where: { id: input.id, tenant: ctx.identity.tenant } }) : null;
    if (!row) throw new NotFoundError("input.id", "substance misuse record");
    const child = await directory.require(db, ctx.identity, row.childId, "input.id");
    const merged = {
      identifiedOn: fromUtc(row.identifiedOn),
      interventionOfferedOn: input.interventionOfferedOn ?? local(row.interventionOfferedOn),
      interventionReceivedOn: input.interventionReceivedOn ?? local(row.interventionReceivedOn),
    };
    refuse(substanceMisuseProblem(merged, child.dateOfBirth, today()));
    return db.$transaction(async (tx) => {
      const after = await tx.substanceMisuse.update({
        where: { id: row.id },
        data: {
          interventionOfferedOn: merged.interventionOfferedOn ? toUtc(merged.interventionOfferedOn) : null,
          interventionReceivedOn: merged.interventionReceivedOn ? toUtc(merged.interventionReceivedOn) : null,
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "substance_misuse.intervention",
        entity: "SubstanceMisuse",
        entityId: row.id,
        childId: child.id,
        details: { interventionOfferedOn: merged.interventionOfferedOn, interventionReceivedOn: merged.interventionReceivedOn },
        events: [],
      });
      return after;
    });
  },

  async recordMedicalHistory(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    if (!input.description.trim()) invalidInput("input.description", "REQUIRED", "say what the condition, allergy or medication is");
    refuse(pastDay(input.since, child.dateOfBirth, "input.since"));
    return db.$transaction(async (tx) => {
      const id = randomUUID();
      const row = await tx.medicalHistoryItem.create({
        data: { id, tenant: child.tenant, childId: child.id, kind: input.kind, description: ENCRYPTED.medicalHistory.seal(id, input.description.trim()), since: input.since ? toUtc(input.since) : null },
      });
      // Special category data: the audit says that an item of this kind was recorded, never what it is.
      await recorder.change(tx, actor(ctx), { action: "medical_history.recorded", entity: "MedicalHistoryItem", entityId: row.id, childId: child.id, details: { kind: row.kind }, events: [] });
      return row;
    });
  },

  async addHealthActionPlanAction(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const assessment = isId(input.assessmentId)
      ? await db.healthAssessment.findFirst({ where: { id: input.assessmentId, tenant: ctx.identity.tenant, voidedAt: null } })
      : null;
    if (!assessment) throw new NotFoundError("input.assessmentId", "health assessment");
    const child = await directory.require(db, ctx.identity, assessment.childId, "input.assessmentId");
    if (!assessment.completedOn) invalidInput("input.assessmentId", "ASSESSMENT_COMPLETED", "a health plan follows a completed assessment: record the assessment first");
    if (!input.action.trim()) invalidInput("input.action", "REQUIRED", "say what is to be done");
    if (!input.owner.trim()) invalidInput("input.owner", "REQUIRED", "say who is to do it");
    if (compareDates(input.dueDate, fromUtc(assessment.completedOn)) < 0) {
      invalidInput("input.dueDate", "NOT_BEFORE_ASSESSMENT", `cannot be before the assessment on ${fromUtc(assessment.completedOn)}`);
    }
    return db.$transaction(async (tx) => {
      const row = await tx.healthActionPlanAction.create({
        data: { id: randomUUID(), tenant: child.tenant, childId: child.id, assessmentId: assessment.id, action: input.action.trim(), owner: input.owner.trim(), dueDate: toUtc(input.dueDate) },
      });
      await recorder.change(tx, actor(ctx), {
        action: "health_action.added",
        entity: "HealthActionPlanAction",
        entityId: row.id,
        childId: child.id,
        details: { assessmentId: assessment.id, owner: row.owner, dueDate: input.dueDate },
        events: [statutoryTaskScheduled(child.id, actionTask(row))],
      });
      return row;
    });
  },

  async completeHealthActionPlanAction(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const row = isId(input.id) ? await db.healthActionPlanAction.findFirst({ where: { id: input.id, tenant: ctx.identity.tenant } }) : null;
    if (!row) throw new NotFoundError("input.id", "health plan action");
    const child = await directory.require(db, ctx.identity, row.childId, "input.id");
    if (row.completedOn) invalidInput("input.id", "ALREADY_DONE", `this action was marked done on ${fromUtc(row.completedOn)}`);
    if (row.cancelledOn) invalidInput("input.id", "CANCELLED", `this action was cancelled on ${fromUtc(row.cancelledOn)} (the child ceased to be looked after)`);
    if (compareDates(input.completedOn, today()) > 0) invalidInput("input.completedOn", "NOT_IN_FUTURE", "mark an action done once it is done");
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const after = await tx.healthActionPlanAction.update({ where: { id: row.id }, data: { completedOn: toUtc(input.completedOn) } });
      await recorder.change(tx, actor(ctx), {
        action: "health_action.completed",
        entity: "HealthActionPlanAction",
        entityId: row.id,
        childId: child.id,
        details: { completedOn: input.completedOn },
        events: [statutoryTaskCompleted(child.id, actionTask(after), input.completedOn)],
      });
      return after;
    });
  },
};
