import { randomUUID } from "node:crypto";
import { EventEnvelope, KnownChild, NewEvent, StatutoryTask, statutoryTaskCancelled, statutoryTaskCompleted, statutoryTaskScheduled } from "@caregraph/platform";
import { addMonths, compareDates, DueDate, explain, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { AUTHORITY as DENTAL } from "./domain/dental-checks";
import { AUTHORITY as OPTICIAN } from "./domain/optician-checks";
import { AUTHORITY as REGISTRATION, registrationDue, RegistrationKind, unregistered } from "./domain/registrations";
import { firstSdqDue, AUTHORITY as SDQ } from "./domain/sdq";
import type { HealthActionPlanAction, HealthTask, HealthTaskKind, Prisma } from "./generated/prisma/client";
import { CEASED_LOOKED_AFTER } from "./schedule";

type Tx = Prisma.TransactionClient;

/** The recurring health tasks of the work tray, by their statutory names. */
const TASK: Record<HealthTaskKind, { task: string; label: string; authority: string }> = {
  DENTAL_CHECK: { task: "DentalCheck", label: "Dental check", authority: DENTAL },
  SDQ: { task: "StrengthsAndDifficultiesQuestionnaire", label: "Strengths and Difficulties Questionnaire", authority: SDQ },
  GP_REGISTRATION: { task: "GpRegistration", label: "Registration with a GP", authority: REGISTRATION },
  DENTIST_REGISTRATION: { task: "DentistRegistration", label: "Registration with a dentist", authority: REGISTRATION },
  OPTICIAN_REGISTRATION: { task: "OpticianRegistration", label: "Registration with an optician", authority: REGISTRATION },
  OPTICIAN_CHECK: { task: "SightTest", label: "Sight test", authority: OPTICIAN },
};

export const registrationTaskKind = (k: RegistrationKind): HealthTaskKind => `${k}_REGISTRATION`;

export const healthTask = (t: HealthTask): StatutoryTask => ({
  taskId: t.id,
  task: TASK[t.kind].task,
  dueDate: fromUtc(t.dueDate),
  authority: TASK[t.kind].authority,
  explanation: t.explanation,
});

/**
 * After a dental check, sight test or SDQ is recorded: the open task of that kind (if any) is done, and the
 * next is scheduled from the latest record — while the child is looked after and one is still due.
 * A record older than the latest changes nothing (the clock runs from the latest).
 */
export async function renewTask(tx: Tx, child: KnownChild, kind: HealthTaskKind, latest: LocalDate, next: DueDate | null): Promise<NewEvent[]> {
  const open = await tx.healthTask.findFirst({ where: { tenant: child.tenant, childId: child.id, kind, completedOn: null, cancelledOn: null } });
  if (open && fromUtc(open.scheduledFrom) === latest) return [];
  const events: NewEvent[] = [];
  if (open) {
    await tx.healthTask.update({ where: { id: open.id }, data: { completedOn: toUtc(latest) } });
    events.push(statutoryTaskCompleted(child.id, healthTask(open), latest));
  }
  if (!next || !child.lookedAfterSince) return events;
  const created = await tx.healthTask.create({
    data: {
      id: randomUUID(),
      tenant: child.tenant,
      childId: child.id,
      kind,
      scheduledFrom: toUtc(latest),
      dueDate: toUtc(next.date),
      explanation: explain(TASK[kind].label, next),
    },
  });
  events.push(statutoryTaskScheduled(child.id, healthTask(created)));
  return events;
}

/**
 * Becoming looked after: a registration task for each of GP, dentist and optician the child is not
 * registered with today (unless one is open already), due 20 working days after (CareGraph rule).
 */
export async function registrationTasks(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const { date } = e.payload as { date: LocalDate };
  const regs = await tx.healthRegistration.findMany({ where: { tenant: e.tenant, childId: e.childId, voidedAt: null } });
  const missing = unregistered(regs.map((r) => ({ kind: r.kind, registeredOn: fromUtc(r.registeredOn), endedOn: r.endedOn ? fromUtc(r.endedOn) : null })), today());
  const open = await tx.healthTask.findMany({ where: { tenant: e.tenant, childId: e.childId, completedOn: null, cancelledOn: null } });
  const due = registrationDue(date);
  const events: NewEvent[] = [];
  for (const kind of missing.map(registrationTaskKind).filter((k) => !open.some((t) => t.kind === k))) {
    const t = await tx.healthTask.create({
      data: { id: randomUUID(), tenant: e.tenant, childId: e.childId, kind, scheduledFrom: toUtc(date), dueDate: toUtc(due.date), explanation: explain(TASK[kind].label, due) },
    });
    events.push(statutoryTaskScheduled(e.childId, healthTask(t)));
  }
  return events;
}

/**
 * Becoming looked after: the first SDQ task (CareGraph rule, see firstSdqDue), unless an SDQ task
 * is open or an SDQ was completed in the 12 months before.
 */
export async function firstSdqTask(tx: Tx, e: EventEnvelope, child: KnownChild | null): Promise<NewEvent[]> {
  const { date } = e.payload as { date: LocalDate };
  if (!child) return [];
  const due = firstSdqDue(child.dateOfBirth, date);
  if (!due) return [];
  const where = { tenant: e.tenant, childId: e.childId };
  if (await tx.healthTask.findFirst({ where: { ...where, kind: "SDQ", completedOn: null, cancelledOn: null } })) return [];
  if (await tx.sdq.findFirst({ where: { ...where, voidedAt: null, completedOn: { gt: toUtc(addMonths(date, -12)) } } })) return [];
  const t = await tx.healthTask.create({
    data: { id: randomUUID(), ...where, kind: "SDQ", scheduledFrom: toUtc(date), dueDate: toUtc(due.date), explanation: explain(TASK.SDQ.label, due) },
  });
  return [statutoryTaskScheduled(e.childId, healthTask(t))];
}

/** A registration recorded: the open task for that kind is done. */
export async function completeRegistrationTask(tx: Tx, child: KnownChild, kind: RegistrationKind, on: LocalDate): Promise<NewEvent[]> {
  const open = await tx.healthTask.findFirst({ where: { tenant: child.tenant, childId: child.id, kind: registrationTaskKind(kind), completedOn: null, cancelledOn: null } });
  if (!open) return [];
  await tx.healthTask.update({ where: { id: open.id }, data: { completedOn: toUtc(on) } });
  return [statutoryTaskCompleted(child.id, healthTask(open), on)];
}

/** The work-tray view of a health plan action (the action's words stay out: they may be clinical). */
export const actionTask = (a: HealthActionPlanAction): StatutoryTask => ({
  taskId: a.id,
  task: "HealthActionPlanAction",
  dueDate: fromUtc(a.dueDate),
  authority: ACTION_AUTHORITY,
  explanation: explain("Health plan action", { date: fromUtc(a.dueDate), workings: "the date set for it in the health plan of the health assessment" }),
});

/** CPPCR 2010 reg 7(4): the health assessment's findings go into a health plan (wording not verified here). */
export const ACTION_AUTHORITY = "CPPCR 2010 reg 7 (the health plan from the health assessment)";

/** Leaving care: the open dental check, SDQ, registration and health plan tasks are cancelled on the day care ended (agreed across domains). */
export async function cancelOpenTasks(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const { endDate } = e.payload as { endDate?: LocalDate };
  const on = toUtc(endDate ?? today());
  const where = { tenant: e.tenant, childId: e.childId, completedOn: null, cancelledOn: null };
  const events: NewEvent[] = [];
  for (const t of await tx.healthTask.findMany({ where })) {
    await tx.healthTask.update({ where: { id: t.id }, data: { cancelledOn: on } });
    events.push(statutoryTaskCancelled(e.childId, healthTask(t), CEASED_LOOKED_AFTER));
  }
  for (const a of await tx.healthActionPlanAction.findMany({ where })) {
    await tx.healthActionPlanAction.update({ where: { id: a.id }, data: { cancelledOn: on } });
    events.push(statutoryTaskCancelled(e.childId, actionTask(a), CEASED_LOOKED_AFTER));
  }
  return events;
}

/** Why a work-tray task leaves the tray when the record behind it is voided (fixed words: no free text reaches the tray). */
export const RECORD_VOIDED = "the record it followed was voided as entered in error";

/**
 * A dental check, sight test or SDQ voided on `voided`; `latest` is the latest that remains. Only the
 * latest record runs the clock, so voiding an older one (or a same-day twin) changes nothing.
 * Otherwise the task scheduled from it leaves the tray and the clock runs from what remains: the task
 * the voided record closed opens again when it was scheduled from that (or, with none left, from the
 * day the child became looked after: the first SDQ), else the next is scheduled from the remaining latest.
 */
export async function withdrawRenewal(tx: Tx, child: KnownChild, kind: HealthTaskKind, voided: LocalDate, latest: LocalDate | null, next: DueDate | null): Promise<NewEvent[]> {
  if (latest && compareDates(voided, latest) <= 0) return [];
  const where = { tenant: child.tenant, childId: child.id, kind };
  const events: NewEvent[] = [];
  const open = await tx.healthTask.findFirst({ where: { ...where, completedOn: null, cancelledOn: null } });
  if (open) {
    await tx.healthTask.update({ where: { id: open.id }, data: { cancelledOn: toUtc(today()) } });
    events.push(statutoryTaskCancelled(child.id, healthTask(open), RECORD_VOIDED));
  }
  if (!child.lookedAfterSince) return events;
  const closed = await tx.healthTask.findFirst({ where: { ...where, completedOn: toUtc(voided), cancelledOn: null }, orderBy: { createdAt: "desc" } });
  const from = latest ?? child.lookedAfterSince;
  if (closed && fromUtc(closed.scheduledFrom) === from) {
    await tx.healthTask.update({ where: { id: closed.id }, data: { completedOn: null } });
    return [...events, statutoryTaskScheduled(child.id, healthTask(closed))];
  }
  return latest ? [...events, ...(await renewTask(tx, child, kind, latest, next))] : events;
}

/**
 * A registration voided and the child has no current one of that kind: the registration task it
 * closed (completed on the day registered) opens again while the child is looked after, the duty
 * still there. None closed by it (registered before care): nothing to reopen.
 */
export async function reopenRegistrationTask(tx: Tx, child: KnownChild, kind: RegistrationKind, registeredOn: LocalDate): Promise<NewEvent[]> {
  if (!child.lookedAfterSince) return [];
  const where = { tenant: child.tenant, childId: child.id, kind: registrationTaskKind(kind) };
  if (await tx.healthTask.findFirst({ where: { ...where, completedOn: null, cancelledOn: null } })) return [];
  const closed = await tx.healthTask.findFirst({ where: { ...where, completedOn: toUtc(registeredOn), cancelledOn: null }, orderBy: { createdAt: "desc" } });
  if (!closed) return [];
  await tx.healthTask.update({ where: { id: closed.id }, data: { completedOn: null } });
  return [statutoryTaskScheduled(child.id, healthTask(closed))];
}
