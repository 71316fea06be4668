import { randomUUID } from "node:crypto";
import { EventEnvelope, KnownChild, NewEvent, StatutoryTask, statutoryTaskCancelled, statutoryTaskCompleted, statutoryTaskScheduled } from "@caregraph/platform";
import { DueDate, explain, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { AUTHORITY as DENTAL } from "./domain/dental-checks";
import { AUTHORITY as SDQ } from "./domain/sdq";
import type { HealthTask, HealthTaskKind, Prisma } from "./generated/prisma/client";
import { CEASED_LOOKED_AFTER } from "./schedule";

type Tx = Prisma.TransactionClient;

/** The recurring health tasks of the work tray, by their statutory names. */
const TASK: Record<HealthTaskKind, { task: string; label: string; authority: string }> = {
  DENTAL_CHECK: { task: "DentalCheck", label: "Dental check", authority: DENTAL },
  SDQ: { task: "StrengthsAndDifficultiesQuestionnaire", label: "Strengths and Difficulties Questionnaire", authority: SDQ },
};

export const healthTask = (t: HealthTask): StatutoryTask => ({
  taskId: t.id,
  task: TASK[t.kind].task,
  dueDate: fromUtc(t.dueDate),
  authority: TASK[t.kind].authority,
  explanation: t.explanation,
});

/**
 * After a dental check or an SDQ is recorded: the open task of that kind (if any) is done, and the
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

/** Leaving care: the open dental check and SDQ tasks are cancelled on the day care ended (agreed across domains). */
export async function cancelOpenTasks(tx: Tx, e: EventEnvelope): Promise<NewEvent[]> {
  const { endDate } = e.payload as { endDate?: LocalDate };
  const open = await tx.healthTask.findMany({ where: { tenant: e.tenant, childId: e.childId, completedOn: null, cancelledOn: null } });
  const events: NewEvent[] = [];
  for (const t of open) {
    await tx.healthTask.update({ where: { id: t.id }, data: { cancelledOn: toUtc(endDate ?? today()) } });
    events.push(statutoryTaskCancelled(e.childId, healthTask(t), CEASED_LOOKED_AFTER));
  }
  return events;
}
