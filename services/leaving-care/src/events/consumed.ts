import { randomUUID } from "node:crypto";
import { EventEnvelope, mergeHandlers, Recorder } from "@caregraph/platform";
import { LocalDate, toUtc } from "@caregraph/platform/calendar";
import { directory } from "../context";
import { SHORT_BREAK_CODES } from "../domain/status";
import type { Prisma } from "../generated/prisma/client";
import { lockChild, reconcile } from "../leaving-care";

type Tx = Prisma.TransactionClient;

/** Opens a period of care from `date` unless one is open already (a corrected date moves the open one). */
async function openPeriod(tx: Tx, e: EventEnvelope, date: LocalDate, corrected: boolean, legalStatus: string | null | undefined) {
  const shortBreaksOnly = !!legalStatus && SHORT_BREAK_CODES.includes(legalStatus);
  const open = await tx.carePeriod.findFirst({ where: { tenant: e.tenant, childId: e.childId, endDate: null } });
  if (open) {
    if (corrected) await tx.carePeriod.update({ where: { id: open.id }, data: { startDate: toUtc(date) } });
    return;
  }
  const same = await tx.carePeriod.findFirst({ where: { tenant: e.tenant, childId: e.childId, startDate: toUtc(date) } });
  if (same) return; // the period was already recorded (and closed): a late duplicate
  await tx.carePeriod.create({ data: { id: randomUUID(), tenant: e.tenant, childId: e.childId, startDate: toUtc(date), shortBreaksOnly } });
}

/**
 * What the leaving-care domain reacts to (each runs once per event: idempotent consumer). Its own
 * copy of the care history: date of birth from ChildRegistered, periods of care from
 * ChildBecameLookedAfter / ChildCeasedLookedAfter (with whether the period is short breaks only,
 * from the legal status and LegalStatusChanged), the personal adviser from WorkerAllocated.
 * LegalStatusAmended to an ordinary code makes the period it falls in count; the reverse (amended
 * to V3/V4) and LegalStatusVoided are not applied (LegalStatusChanged carries no legalStatusId, so
 * this copy cannot tell which statuses remain).
 * After each, the status is worked out again (events out when it moves).
 *
 * Deliberate difference from the other domains: ChildCeasedLookedAfter does NOT cancel the
 * leaving-care tasks — a relevant child's needs assessment and pathway plan continue after care
 * ends (CA 1989 s.23B); they are cancelled only when the status no longer needs them.
 */
export function handlers(recorder: Recorder) {
  const thenReconcile = (apply: (tx: Tx, e: EventEnvelope) => Promise<void>) => async (tx: Tx, e: EventEnvelope) => {
    await lockChild(tx, e.childId);
    await apply(tx, e);
    const { events } = await reconcile(tx, e.tenant, e.childId);
    if (events.length) await recorder.consequence(tx, e, events);
  };
  return mergeHandlers<Tx>(directory.handlers, {
    ChildRegistered: thenReconcile(async (tx, e) => {
      const { dateOfBirth, lookedAfterSince, legalStatus } = e.payload as { dateOfBirth: LocalDate; lookedAfterSince?: LocalDate | null; legalStatus?: string | null };
      await tx.leavingCareRecord.upsert({
        where: { childId: e.childId },
        create: { childId: e.childId, tenant: e.tenant, dateOfBirth: toUtc(dateOfBirth) },
        update: { dateOfBirth: toUtc(dateOfBirth) },
      });
      if (lookedAfterSince) await openPeriod(tx, e, lookedAfterSince, false, legalStatus);
    }),
    ChildBecameLookedAfter: thenReconcile(async (tx, e) => {
      const { date, corrected, legalStatus } = e.payload as { date: LocalDate; corrected?: boolean; legalStatus?: string | null };
      await openPeriod(tx, e, date, corrected === true, legalStatus);
    }),
    ChildCeasedLookedAfter: thenReconcile(async (tx, e) => {
      const { endDate } = e.payload as { endDate: LocalDate };
      await tx.carePeriod.updateMany({ where: { tenant: e.tenant, childId: e.childId, endDate: null }, data: { endDate: toUtc(endDate) } });
    }),
    // A legal status other than a short break (V3/V4) during the open period: the period counts
    // towards the 13 weeks from then on (the whole period is counted: a simplification).
    LegalStatusChanged: thenReconcile(async (tx, e) => {
      const { code } = e.payload as { code: string };
      if (SHORT_BREAK_CODES.includes(code)) return;
      await tx.carePeriod.updateMany({ where: { tenant: e.tenant, childId: e.childId, endDate: null, shortBreaksOnly: true }, data: { shortBreaksOnly: false } });
    }),
    LegalStatusAmended: thenReconcile(async (tx, e) => {
      const { code, startDate } = e.payload as { code: string; startDate: LocalDate };
      if (SHORT_BREAK_CODES.includes(code)) return;
      await tx.carePeriod.updateMany({
        where: { tenant: e.tenant, childId: e.childId, shortBreaksOnly: true, startDate: { lte: toUtc(startDate) }, OR: [{ endDate: null }, { endDate: { gt: toUtc(startDate) } }] },
        data: { shortBreaksOnly: false },
      });
    }),
    WorkerAllocated: thenReconcile(async (tx, e) => {
      const { role, workerId } = e.payload as { role: string; workerId: string };
      if (role !== "PERSONAL_ADVISER") return;
      await tx.leavingCareRecord.updateMany({ where: { tenant: e.tenant, childId: e.childId }, data: { personalAdviserId: workerId } });
    }),
  });
}
