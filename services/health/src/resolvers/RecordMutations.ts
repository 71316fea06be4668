import { randomUUID } from "node:crypto";
import { compareDates, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { today } from "@caregraph/platform/clock";
import { Context, directory } from "../context";
import type { Problem } from "../domain/ages";
import { consentBasis, consentProblem, parentProblem } from "../domain/consent";
import { nextDentalCheckDue } from "../domain/dental-checks";
import { nextOpticianCheckDue } from "../domain/optician-checks";
import { vaccineNamed } from "../domain/immunisation-schedule";
import { immunisationProblem } from "../domain/immunisations";
import { nextSdqDue, sdqProblem } from "../domain/sdq";
import type { MutationResolvers } from "../generated/graphql";
import type { Prisma } from "../generated/prisma/client";
import { consentDecided, dentalChecked, immunisationGiven, opticianChecked, sdqCompleted } from "../chronology";
import { renewTask } from "../health-tasks";

type Tx = Prisma.TransactionClient;

const lockChild = (tx: Tx, childId: string) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `health:${childId}`);
const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });
const refuse = (problem: Problem) => {
  if (problem) invalidInput(...problem);
};

/** A day something happened: not in the future, not before the child was born. */
function pastDay(day: LocalDate, dateOfBirth: LocalDate, field: string): Problem {
  if (compareDates(day, today()) > 0) return [field, "NOT_IN_FUTURE", "cannot be a future date"];
  if (compareDates(day, dateOfBirth) < 0) return [field, "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`];
  return null;
}

/** The records health keeps beside the statutory assessments: immunisations, dental checks, SDQs, consent. */
export const RecordMutations: MutationResolvers = {
  async recordImmunisation(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    refuse(immunisationProblem(input.vaccine, input.givenOn, child.dateOfBirth, today()));
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const row = await tx.immunisation.create({
        data: { id: randomUUID(), tenant: child.tenant, childId: child.id, vaccine: input.vaccine.trim(), givenOn: toUtc(input.givenOn) },
      });
      await recorder.change(tx, actor(ctx), {
        action: "immunisation.recorded",
        entity: "Immunisation",
        entityId: row.id,
        childId: child.id,
        details: { vaccine: row.vaccine, givenOn: input.givenOn },
        events: [
          { type: "ImmunisationRecorded", childId: child.id, payload: { immunisationId: row.id, scheduleVaccine: vaccineNamed(row.vaccine), givenOn: input.givenOn } },
          immunisationGiven(row),
        ],
      });
      return row;
    });
  },

  /** A dental check: the open DentalCheck task is done and the next scheduled from the latest check. */
  async recordDentalCheck(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    refuse(pastDay(input.checkedOn, child.dateOfBirth, "input.checkedOn"));
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const row = await tx.dentalCheck.create({ data: { id: randomUUID(), tenant: child.tenant, childId: child.id, checkedOn: toUtc(input.checkedOn) } });
      const latest = await tx.dentalCheck.findFirstOrThrow({ where: { tenant: child.tenant, childId: child.id, voidedAt: null }, orderBy: { checkedOn: "desc" } });
      const from = fromUtc(latest.checkedOn);
      const tasks = await renewTask(tx, child, "DENTAL_CHECK", from, nextDentalCheckDue(child.tenant, child.dateOfBirth, from));
      await recorder.change(tx, actor(ctx), {
        action: "dental_check.recorded",
        entity: "DentalCheck",
        entityId: row.id,
        childId: child.id,
        details: { checkedOn: input.checkedOn },
        events: [{ type: "DentalCheckRecorded", childId: child.id, payload: { dentalCheckId: row.id, checkedOn: input.checkedOn } }, dentalChecked(row), ...tasks],
      });
      return row;
    });
  },

  /** A sight test: the open SightTest task is done and the next scheduled 12 months after the latest. */
  async recordOpticianCheck(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    refuse(pastDay(input.checkedOn, child.dateOfBirth, "input.checkedOn"));
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const row = await tx.opticianCheck.create({ data: { id: randomUUID(), tenant: child.tenant, childId: child.id, checkedOn: toUtc(input.checkedOn) } });
      const latest = await tx.opticianCheck.findFirstOrThrow({ where: { tenant: child.tenant, childId: child.id, voidedAt: null }, orderBy: { checkedOn: "desc" } });
      const from = fromUtc(latest.checkedOn);
      const tasks = await renewTask(tx, child, "OPTICIAN_CHECK", from, nextOpticianCheckDue(from));
      await recorder.change(tx, actor(ctx), {
        action: "optician_check.recorded",
        entity: "OpticianCheck",
        entityId: row.id,
        childId: child.id,
        details: { checkedOn: input.checkedOn },
        events: [{ type: "OpticianCheckRecorded", childId: child.id, payload: { opticianCheckId: row.id, checkedOn: input.checkedOn } }, opticianChecked(row), ...tasks],
      });
      return row;
    });
  },

  /** An SDQ (aged 4 to 16, score 0–40): the open SDQ task is done and the next scheduled a year after the latest. */
  async recordSdq(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    refuse(sdqProblem(input.score, input.completedOn, child.dateOfBirth, today()));
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const row = await tx.sdq.create({ data: { id: randomUUID(), tenant: child.tenant, childId: child.id, score: input.score, completedOn: toUtc(input.completedOn) } });
      const latest = await tx.sdq.findFirstOrThrow({ where: { tenant: child.tenant, childId: child.id, voidedAt: null }, orderBy: { completedOn: "desc" } });
      const from = fromUtc(latest.completedOn);
      const tasks = await renewTask(tx, child, "SDQ", from, nextSdqDue(child.dateOfBirth, from));
      await recorder.change(tx, actor(ctx), {
        action: "sdq.recorded",
        entity: "Sdq",
        entityId: row.id,
        childId: child.id,
        details: { score: input.score, completedOn: input.completedOn },
        events: [{ type: "SdqRecorded", childId: child.id, payload: { sdqId: row.id, score: input.score, completedOn: input.completedOn } }, sdqCompleted(row), ...tasks],
      });
      return row;
    });
  },

  /** A consent decision, with its basis worked out; a child's own decision under 16 needs a Gillick assessment. */
  async recordConsent(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    const gillick = input.gillickAssessment ?? null;
    refuse(consentProblem({ ...input, gillickAssessment: gillick }, child, today()));
    const basis = consentBasis(input, child.dateOfBirth);
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const holder = input.familyMemberId && /^[0-9a-f-]{36}$/i.test(input.familyMemberId)
        ? await tx.parentalResponsibilityHolder.findFirst({ where: { tenant: child.tenant, childId: child.id, familyMemberId: input.familyMemberId.toLowerCase() } })
        : null;
      refuse(parentProblem(input, holder && { holdsPr: holder.holdsPr, effectiveOn: holder.effectiveOn ? fromUtc(holder.effectiveOn) : null }));
      const row = await tx.consent.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          kind: input.kind,
          decision: input.decision,
          givenBy: input.givenBy,
          basis,
          givenOn: toUtc(input.givenOn),
          agency: input.agency?.trim() || null,
          familyMemberId: input.familyMemberId ? input.familyMemberId.toLowerCase() : null,
          gillickAssessedOn: gillick ? toUtc(gillick.assessedOn) : null,
          gillickAssessedBy: gillick?.assessedBy.trim() ?? null,
          gillickAbout: gillick?.about?.trim() || null,
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "consent.recorded",
        entity: "Consent",
        entityId: row.id,
        childId: child.id,
        details: { kind: row.kind, decision: row.decision, givenBy: row.givenBy, basis, givenOn: input.givenOn, agency: row.agency, gillickAssessedOn: gillick?.assessedOn ?? null },
        events: [
          { type: "ConsentRecorded", childId: child.id, payload: { consentId: row.id, kind: row.kind, decision: row.decision, givenBy: row.givenBy, basis, givenOn: input.givenOn } },
          consentDecided(row),
        ],
      });
      return row;
    });
  },
};
