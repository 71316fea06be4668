import { EventEnvelope, StatutoryTask } from "@caregraph/platform";
import { fromUtc, toUtc, workingDaysAfter } from "@caregraph/platform/calendar";
import { now, today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { DUE_SOON_WORKING_DAYS, TaskState, TaskStatus, TrayTaskFacts } from "./domain/work-tray";
import type { Prisma, TrayTask } from "./generated/prisma/client";

type Tx = Prisma.TransactionClient;

type TaskPayload = StatutoryTask & { completedOn?: string; completedAt?: string; reason?: string };

/**
 * The work tray is a read model of every domain's statutory-task events, keyed by (source domain,
 * taskId). Scheduled again moves the task (and reopens it); Completed and Cancelled close it. An
 * event older than the last one applied to the task changes nothing.
 */
export function applyTaskEvent(state: TaskState) {
  return async (tx: Tx, e: EventEnvelope): Promise<void> => {
    const p = e.payload as unknown as TaskPayload;
    const key = { domain: e.source, taskId: p.taskId };
    const occurredAt = new Date(e.occurredAt);
    const existing = await tx.trayTask.findUnique({ where: { domain_taskId: key } });
    if (existing && (existing.tenant !== e.tenant || existing.lastEventAt.getTime() > occurredAt.getTime())) return;
    const task = {
      childId: e.childId,
      kind: p.task,
      dueDate: toUtc(p.dueDate),
      dueAt: p.dueAt ? new Date(p.dueAt) : null,
      authority: p.authority,
      explanation: p.explanation,
      assignedRole: p.assignedRole ?? null,
      state,
      completedOn: state === "DONE" && p.completedOn ? toUtc(p.completedOn) : null,
      completedAt: state === "DONE" && p.completedAt ? new Date(p.completedAt) : null,
      cancelReason: state === "CANCELLED" ? (p.reason ?? null) : null,
      lastEventAt: occurredAt,
    };
    await tx.trayTask.upsert({
      where: { domain_taskId: key },
      create: { id: e.id, tenant: e.tenant, ...key, ...task },
      update: task,
    });
  };
}

/** The child's allocated social worker (or IRO, personal adviser): the latest allocation per role. */
export async function onWorkerAllocated(tx: Tx, e: EventEnvelope): Promise<void> {
  const p = e.payload as { allocationId: string; workerId: string; role: string; from: string };
  const existing = await tx.workerAllocation.findUnique({ where: { childId_role: { childId: e.childId, role: p.role } } });
  if (existing && (existing.tenant !== e.tenant || fromUtc(existing.from) > p.from)) return;
  const row = { tenant: e.tenant, workerId: p.workerId, allocationId: p.allocationId, from: toUtc(p.from) };
  await tx.workerAllocation.upsert({
    where: { childId_role: { childId: e.childId, role: p.role } },
    create: { childId: e.childId, role: p.role, ...row },
    update: row,
  });
}

export const facts = (t: TrayTask): TrayTaskFacts => ({
  state: t.state as TaskState,
  dueDate: fromUtc(t.dueDate),
  dueAt: t.dueAt,
  completedOn: t.completedOn ? fromUtc(t.completedOn) : null,
  completedAt: t.completedAt,
});

/** Prisma conditions for "open and past its deadline" right now. */
export function overdueNow(): Prisma.TrayTaskWhereInput {
  return { state: "OPEN", OR: [{ dueAt: null, dueDate: { lt: toUtc(today()) } }, { dueAt: { lt: now() } }] };
}

function notOverdueNow(): Prisma.TrayTaskWhereInput {
  return { state: "OPEN", OR: [{ dueAt: null, dueDate: { gte: toUtc(today()) } }, { dueAt: { gte: now() } }] };
}

/** The same statuses `taskStatus` computes, as a query. */
export function statusCondition(status: TaskStatus): Prisma.TrayTaskWhereInput {
  const soon = toUtc(workingDaysAfter(today(), DUE_SOON_WORKING_DAYS));
  switch (status) {
    case "DONE":
      return { state: "DONE" };
    case "CANCELLED":
      return { state: "CANCELLED" };
    case "OVERDUE":
      return overdueNow();
    case "DUE_SOON":
      return { AND: [notOverdueNow(), { dueDate: { lte: soon } }] };
    case "DUE":
      return { AND: [notOverdueNow(), { dueDate: { gt: soon } }] };
  }
}

/** Tasks meant for a role (e.g. escalations for team managers) are shown only to holders of it. */
export const visibleTo = (roles: readonly string[]): Prisma.TrayTaskWhereInput => ({
  OR: [{ assignedRole: null }, { assignedRole: { in: [...roles] } }],
});

/** Opaque page positions: (due date, id), base64url so no record content shows in a URL. */
export const encodeCursor = (t: TrayTask) => Buffer.from(JSON.stringify([fromUtc(t.dueDate), t.id])).toString("base64url");

export function decodeCursor(cursor: string): Prisma.TrayTaskWhereInput {
  try {
    const [dueDate, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string];
    const due = toUtc(dueDate);
    if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad id");
    return { OR: [{ dueDate: { gt: due } }, { dueDate: due, id: { gt: id } }] };
  } catch {
    return invalidInput("after", "CURSOR", "not a cursor this work tray gave out; pass a page's endCursor");
  }
}

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;
