import { KnownChild, NewEvent } from "@caregraph/platform";
import { fromUtc, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import { now, today } from "@caregraph/platform/clock";
import { Context, directory } from "../context";
import { nextDentalCheckDue } from "../domain/dental-checks";
import { vaccineNamed } from "../domain/immunisation-schedule";
import { nextOpticianCheckDue } from "../domain/optician-checks";
import { nextSdqDue } from "../domain/sdq";
import type { HealthRecordKind, MutationResolvers } from "../generated/graphql";
import type { Prisma } from "../generated/prisma/client";
import { recordVoided } from "../chronology";
import { reopenRegistrationTask, withdrawRenewal } from "../health-tasks";

type Tx = Prisma.TransactionClient;

/** A record found by id, with what voiding it does; each kind keeps its own row's voidedAt and voidReason. */
interface Voidable {
  childId: string;
  voidedAt: Date | null;
  /** The audit's details: ids, kinds and dates only (the record's free text stays out). */
  details: Record<string, unknown>;
  /** Marks the row voided and returns what follows: the chronology withdrawn, tasks reworked, the record that is current again. */
  void(tx: Tx, child: KnownChild, stamp: { voidedAt: Date; voidReason: string }): Promise<NewEvent[]>;
}

const where = (id: string, tenant: string) => ({ where: { id, tenant } });
const voidedEvent = (childId: string, recordId: string, kind: HealthRecordKind): NewEvent => ({ type: "HealthRecordVoided", childId, payload: { recordId, kind } });
const day = (d: Date) => fromUtc(d);

/** The latest record that remains runs the next one's clock (see withdrawRenewal). */
const latestOf = (rows: { on: Date }[]): LocalDate | null => (rows[0] ? fromUtc(rows[0].on) : null);

/** How each kind is found and voided; the first that holds the id answers (ids are random UUIDs, unique across tables). */
const FIND: Record<HealthRecordKind, (db: Tx, id: string, tenant: string) => Promise<Voidable | null>> = {
  async IMMUNISATION(db, id, tenant) {
    const r = await db.immunisation.findFirst(where(id, tenant));
    return r && {
      ...r,
      // The vaccine is typed freely: the audit names it by the routine schedule's name only.
      details: { kind: "IMMUNISATION", givenOn: day(r.givenOn), scheduleVaccine: vaccineNamed(r.vaccine) },
      async void(tx, _child, stamp) {
        await tx.immunisation.update({ where: { id: r.id }, data: stamp });
        return [voidedEvent(r.childId, r.id, "IMMUNISATION"), recordVoided(r.childId, "IMMUNISATION", r.id)];
      },
    };
  },
  async DENTAL_CHECK(db, id, tenant) {
    const r = await db.dentalCheck.findFirst(where(id, tenant));
    return r && {
      ...r,
      details: { kind: "DENTAL_CHECK", checkedOn: day(r.checkedOn) },
      async void(tx, child, stamp) {
        await tx.dentalCheck.update({ where: { id: r.id }, data: stamp });
        const rest = await tx.dentalCheck.findMany({ where: { tenant: child.tenant, childId: child.id, voidedAt: null }, orderBy: { checkedOn: "desc" }, take: 1 });
        const latest = latestOf(rest.map((c) => ({ on: c.checkedOn })));
        const next = latest ? nextDentalCheckDue(child.tenant, child.dateOfBirth, latest) : null;
        return [voidedEvent(r.childId, r.id, "DENTAL_CHECK"), recordVoided(r.childId, "DENTAL_CHECK", r.id), ...(await withdrawRenewal(tx, child, "DENTAL_CHECK", day(r.checkedOn), latest, next))];
      },
    };
  },
  async OPTICIAN_CHECK(db, id, tenant) {
    const r = await db.opticianCheck.findFirst(where(id, tenant));
    return r && {
      ...r,
      details: { kind: "OPTICIAN_CHECK", checkedOn: day(r.checkedOn) },
      async void(tx, child, stamp) {
        await tx.opticianCheck.update({ where: { id: r.id }, data: stamp });
        const rest = await tx.opticianCheck.findMany({ where: { tenant: child.tenant, childId: child.id, voidedAt: null }, orderBy: { checkedOn: "desc" }, take: 1 });
        const latest = latestOf(rest.map((c) => ({ on: c.checkedOn })));
        const next = latest ? nextOpticianCheckDue(latest) : null;
        return [voidedEvent(r.childId, r.id, "OPTICIAN_CHECK"), recordVoided(r.childId, "OPTICIAN_CHECK", r.id), ...(await withdrawRenewal(tx, child, "OPTICIAN_CHECK", day(r.checkedOn), latest, next))];
      },
    };
  },
  async SDQ(db, id, tenant) {
    const r = await db.sdq.findFirst(where(id, tenant));
    return r && {
      ...r,
      details: { kind: "SDQ", completedOn: day(r.completedOn) },
      async void(tx, child, stamp) {
        await tx.sdq.update({ where: { id: r.id }, data: stamp });
        const rest = await tx.sdq.findMany({ where: { tenant: child.tenant, childId: child.id, voidedAt: null }, orderBy: { completedOn: "desc" }, take: 1 });
        const latest = latestOf(rest.map((s) => ({ on: s.completedOn })));
        const next = latest ? nextSdqDue(child.dateOfBirth, latest) : null;
        return [voidedEvent(r.childId, r.id, "SDQ"), recordVoided(r.childId, "SDQ", r.id), ...(await withdrawRenewal(tx, child, "SDQ", day(r.completedOn), latest, next))];
      },
    };
  },
  async CONSENT(db, id, tenant) {
    const r = await db.consent.findFirst(where(id, tenant));
    return r && {
      ...r,
      details: { kind: "CONSENT", consentKind: r.kind, decision: r.decision, givenBy: r.givenBy, basis: r.basis, givenOn: day(r.givenOn) },
      async void(tx, _child, stamp) {
        await tx.consent.update({ where: { id: r.id }, data: stamp });
        return [voidedEvent(r.childId, r.id, "CONSENT"), recordVoided(r.childId, "CONSENT", r.id)];
      },
    };
  },
  async REGISTRATION(db, id, tenant) {
    const r = await db.healthRegistration.findFirst(where(id, tenant));
    return r && {
      ...r,
      details: { kind: "REGISTRATION", registrationKind: r.kind, registeredOn: day(r.registeredOn), endedOn: r.endedOn && day(r.endedOn) },
      async void(tx, child, stamp) {
        await tx.healthRegistration.update({ where: { id: r.id }, data: stamp });
        // The registration it ended (on the day it began) runs on to when it ended itself: current again if it was current.
        const before = await tx.healthRegistration.findFirst({
          where: { tenant: child.tenant, childId: child.id, kind: r.kind, voidedAt: null, endedOn: r.registeredOn },
          orderBy: { registeredOn: "desc" },
        });
        if (before) await tx.healthRegistration.update({ where: { id: before.id }, data: { endedOn: r.endedOn } });
        const unregistered = !r.endedOn && !before;
        return [
          voidedEvent(r.childId, r.id, "REGISTRATION"),
          ...(unregistered ? await reopenRegistrationTask(tx, child, r.kind, day(r.registeredOn)) : []),
        ];
      },
    };
  },
  async MEDICAL_HISTORY(db, id, tenant) {
    const r = await db.medicalHistoryItem.findFirst(where(id, tenant));
    // Special category data: no events, no chronology; the audit names only the kind.
    return r && {
      ...r,
      details: { kind: "MEDICAL_HISTORY", medicalHistoryKind: r.kind },
      async void(tx, _child, stamp) {
        await tx.medicalHistoryItem.update({ where: { id: r.id }, data: stamp });
        return [];
      },
    };
  },
};

/** The audit entity of each kind, as its record mutation names it. */
const ENTITY: Record<HealthRecordKind, string> = {
  IMMUNISATION: "Immunisation",
  DENTAL_CHECK: "DentalCheck",
  OPTICIAN_CHECK: "OpticianCheck",
  SDQ: "Sdq",
  CONSENT: "Consent",
  REGISTRATION: "HealthRegistration",
  MEDICAL_HISTORY: "MedicalHistoryItem",
};

const KINDS = Object.keys(FIND) as HealthRecordKind[];

/** The record the id names in the caller's local authority, of whichever kind; NotFound for anything else. */
async function findRecord(ctx: Context, id: string): Promise<{ kind: HealthRecordKind; record: Voidable }> {
  const { db } = ctx.deps;
  if (/^[0-9a-f-]{36}$/i.test(id)) {
    const found = await Promise.all(KINDS.map((kind) => FIND[kind](db, id, ctx.identity.tenant)));
    const i = found.findIndex((r) => r !== null);
    if (i >= 0) return { kind: KINDS[i]!, record: found[i]! };
  }
  throw new NotFoundError("input.recordId", "health record");
}

export const VoidMutations: MutationResolvers = {
  /**
   * Voids a health record entered in error: the row keeps it (voidedAt, voidReason) but it leaves
   * every list and rule, which read `voidedAt: null`. The reason stays on the row; the audit says only how long it is.
   */
  async voidHealthRecord(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    if (!input.reason.trim()) invalidInput("input.reason", "REASON_REQUIRED", "say why the record is being voided");
    const { kind, record } = await findRecord(ctx, input.recordId);
    if (record.voidedAt) invalidInput("input.recordId", "ALREADY_VOIDED", "this record was already voided");
    const child = await directory.require(db, ctx.identity, record.childId, "input.recordId");
    return db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `health:${child.id}`);
      // Read again under the child's lock: a void racing this one is refused, not applied twice.
      const current = await FIND[kind](tx, input.recordId, child.tenant);
      if (!current || current.voidedAt) invalidInput("input.recordId", "ALREADY_VOIDED", "this record was already voided");
      const voidedAt = now();
      const events = await current!.void(tx, child, { voidedAt, voidReason: input.reason.trim() });
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "health_record.voided",
        entity: ENTITY[kind],
        entityId: input.recordId,
        childId: child.id,
        details: { ...current!.details, reasonLength: input.reason.trim().length },
        events,
      });
      return { recordId: input.recordId, kind, voidedOn: today(), child: { id: child.id } };
    });
  },
};

