import { randomUUID } from "node:crypto";
import { EventEnvelope, NewEvent, statutoryTaskCancelled, statutoryTaskScheduled } from "@caregraph/platform";
import { fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { directory } from "./context";
import { AUTHORITY, firstPepClock, firstPepDue, pepExplanation, schoolStabilityDue, schoolStabilityExplanation } from "./domain/personal-education-plans";
import type { PersonalEducationPlan, Prisma, SchoolStabilityCheck } from "./generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** The reason the work tray is given when a child leaves care (agreed across every domain). */
export const CEASED_LOOKED_AFTER = "ceased to be looked after";

/** The work-tray view of a PEP; the explanation is recomputed from the row by the rule that set it. */
export const pepTask = (p: PersonalEducationPlan) => ({
  taskId: p.id,
  task: "PersonalEducationPlan",
  dueDate: fromUtc(p.dueDate),
  authority: p.kind !== "INITIAL" ? AUTHORITY.REVIEW : p.startsAtAge !== null ? AUTHORITY.STARTS_AT_AGE : p.emergency ? AUTHORITY.EMERGENCY : AUTHORITY.INITIAL,
  explanation: pepExplanation(p.tenant, { kind: p.kind, scheduledFrom: fromUtc(p.scheduledFrom), dueDate: fromUtc(p.dueDate), emergency: p.emergency, startsAtAge: p.startsAtAge }),
});

/** The work-tray view of a school stability check, for the virtual school. */
export const stabilityTask = (c: SchoolStabilityCheck) => ({
  taskId: c.id,
  task: "SchoolStability",
  dueDate: fromUtc(c.dueDate),
  authority: AUTHORITY.SCHOOL_STABILITY,
  explanation: schoolStabilityExplanation(fromUtc(c.moveDate)),
  // The virtual school's education coordinator does it (role matrix: EDUCATION_COORDINATOR).
  assignedRole: "EDUCATION_COORDINATOR",
});

export function openPeps(tx: Tx, tenant: string, childId: string) {
  return tx.personalEducationPlan.findMany({
    where: { tenant, childId, completedOn: null, cancelledOn: null },
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
  });
}

export async function schedulePep(
  tx: Tx,
  at: { tenant: string; childId: string },
  kind: "INITIAL" | "REVIEW",
  scheduledFrom: LocalDate,
  dueDate: LocalDate,
  startsAtAge: number | null = null,
): Promise<NewEvent> {
  const pep = await tx.personalEducationPlan.create({
    data: { id: randomUUID(), ...at, kind, scheduledFrom: toUtc(scheduledFrom), dueDate: toUtc(dueDate), startsAtAge },
  });
  return statutoryTaskScheduled(at.childId, pepTask(pep));
}

/**
 * Becoming looked after (a new period of care, or a corrected date): the first PEP, unless one is
 * already open — for a child younger than PEPs start, its clock starts on that birthday. A
 * corrected date moves an open first PEP (same task id, re-published as Scheduled).
 */
export async function onBecameLookedAfter(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const { date, corrected } = e.payload as { date: LocalDate; corrected?: boolean };
  const child = await directory.loader(tx, e.tenant).load(e.childId);
  const clock = firstPepClock(e.tenant, date, child?.dateOfBirth ?? null);
  const open = await openPeps(tx, e.tenant, e.childId);
  const first = open.find((p) => p.kind === "INITIAL");
  if (first) {
    if (!corrected || (fromUtc(first.scheduledFrom) === clock.from && first.startsAtAge === clock.startsAtAge)) return [];
    const moved = await tx.personalEducationPlan.update({
      where: { id: first.id },
      data: { scheduledFrom: toUtc(clock.from), startsAtAge: clock.startsAtAge, dueDate: toUtc(firstPepDue(clock.from, first.emergency, clock.startsAtAge).date) },
    });
    return [statutoryTaskScheduled(e.childId, pepTask(moved))];
  }
  if (open.length) return []; // a termly review is already running
  return [await schedulePep(tx, { tenant: e.tenant, childId: e.childId }, "INITIAL", clock.from, firstPepDue(clock.from, false, clock.startsAtAge).date, clock.startsAtAge)];
}

/** Leaving care: every open PEP and school stability check is cancelled on the day care ended (agreed across domains). */
export async function onCeasedLookedAfter(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const { endDate } = e.payload as { endDate?: LocalDate };
  const on = toUtc(endDate ?? today());
  const events: NewEvent[] = [];
  for (const p of await openPeps(tx, e.tenant, e.childId)) {
    await tx.personalEducationPlan.update({ where: { id: p.id }, data: { cancelledOn: on } });
    events.push(statutoryTaskCancelled(e.childId, pepTask(p), CEASED_LOOKED_AFTER));
  }
  const checks = await tx.schoolStabilityCheck.findMany({ where: { tenant: e.tenant, childId: e.childId, cancelledOn: null } });
  for (const c of checks) {
    await tx.schoolStabilityCheck.update({ where: { id: c.id }, data: { cancelledOn: on } });
    events.push(statutoryTaskCancelled(e.childId, stabilityTask(c), CEASED_LOOKED_AFTER));
  }
  return events;
}

/** A placement move: a school stability check for the virtual school, due 5 working days after the move. */
export async function onPlacementStarted(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const p = e.payload as { isMove?: boolean; startDate: LocalDate; placementId?: string };
  if (!p.isMove) return [];
  const check = await tx.schoolStabilityCheck.create({
    data: {
      id: randomUUID(),
      tenant: e.tenant,
      childId: e.childId,
      placementId: p.placementId ?? null,
      moveDate: toUtc(p.startDate),
      dueDate: toUtc(schoolStabilityDue(p.startDate).date),
    },
  });
  return [statutoryTaskScheduled(e.childId, stabilityTask(check))];
}
