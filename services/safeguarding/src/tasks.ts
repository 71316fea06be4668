import { randomUUID } from "node:crypto";
import { NewEvent, StatutoryTask, statutoryTaskCancelled, statutoryTaskCompleted, statutoryTaskScheduled } from "@caregraph/platform";
import { DueDate, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { explanation, TaskName } from "./domain/child-protection";
import type { Prisma, SafeguardingTask } from "./generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** The work-tray view of a task row: the StatutoryTask payload every domain publishes. */
export const statutoryTask = (t: SafeguardingTask): StatutoryTask => ({
  taskId: t.id,
  task: t.task,
  dueDate: fromUtc(t.dueDate),
  authority: t.authority,
  explanation: t.explanation,
  ...(t.assignedRole ? { assignedRole: t.assignedRole } : {}),
});

export interface NewTask {
  task: TaskName;
  due: DueDate;
  authority: string;
  assignedRole?: string;
  section47EnquiryId?: string;
  planId?: string;
  concernId?: string;
  escalatesTaskId?: string;
}

export async function scheduleTask(tx: Tx, at: { tenant: string; childId: string }, t: NewTask): Promise<{ row: SafeguardingTask; event: NewEvent }> {
  const row = await tx.safeguardingTask.create({
    data: {
      id: randomUUID(),
      ...at,
      task: t.task,
      dueDate: toUtc(t.due.date),
      authority: t.authority,
      explanation: explanation(t.task, t.due),
      assignedRole: t.assignedRole ?? null,
      section47EnquiryId: t.section47EnquiryId ?? null,
      planId: t.planId ?? null,
      concernId: t.concernId ?? null,
      escalatesTaskId: t.escalatesTaskId ?? null,
    },
  });
  return { row, event: statutoryTaskScheduled(at.childId, statutoryTask(row)) };
}

/** A new due date for an open task: Scheduled again with the same taskId moves it in the work tray. */
export async function moveTask(tx: Tx, t: SafeguardingTask, task: TaskName, due: DueDate): Promise<NewEvent> {
  const row = await tx.safeguardingTask.update({
    where: { id: t.id },
    // A moved task may become overdue again later; it is escalated afresh then.
    data: { dueDate: toUtc(due.date), explanation: explanation(task, due), escalatedAt: null },
  });
  return statutoryTaskScheduled(row.childId, statutoryTask(row));
}

export async function completeTask(tx: Tx, t: SafeguardingTask, on: LocalDate): Promise<NewEvent> {
  const row = await tx.safeguardingTask.update({ where: { id: t.id }, data: { completedOn: toUtc(on) } });
  return statutoryTaskCompleted(row.childId, statutoryTask(row), on);
}

export async function cancelTask(tx: Tx, t: SafeguardingTask, on: LocalDate, reason: string): Promise<NewEvent> {
  const row = await tx.safeguardingTask.update({ where: { id: t.id }, data: { cancelledOn: toUtc(on), cancelReason: reason } });
  return statutoryTaskCancelled(row.childId, statutoryTask(row), reason);
}

/** The child's open tasks, optionally of one kind and/or tied to one enquiry or plan. */
export function openTasks(tx: Tx, at: { tenant: string; childId: string }, where: Prisma.SafeguardingTaskWhereInput = {}) {
  return tx.safeguardingTask.findMany({ where: { ...at, completedOn: null, cancelledOn: null, ...where }, orderBy: { dueDate: "asc" } });
}
