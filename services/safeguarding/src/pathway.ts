import { KnownChild, NewEvent } from "@caregraph/platform";
import { today } from "@caregraph/platform/clock";
import { formatDate, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { Context, directory } from "./context";
import { datePlausibility, TASK } from "./domain/child-protection";
import type { Prisma } from "./generated/prisma/client";
import { cancelTask, completeTask, openTasks } from "./tasks";


// What the child-protection pathway's mutations share: the child check, the lock, tasks with their escalations.
export type Tx = Prisma.TransactionClient;

export const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });

/** The child exists in the caller's local authority, and the date given happened during the child's life. */
export async function childAndDate(ctx: Context, childId: string, field: string, date: LocalDate): Promise<KnownChild> {
  const child = await directory.require(ctx.deps.db, ctx.identity, childId);
  const broken = datePlausibility(date, child.dateOfBirth, today());
  if (broken === "NOT_IN_FUTURE") invalidInput(field, broken, `${formatDate(date)} is in the future; record what has happened`);
  if (broken === "NOT_BEFORE_BIRTH") invalidInput(field, broken, `cannot be before the child's date of birth (${child.dateOfBirth})`);
  return child;
}

// One writer per child at a time: the pathway's order rules read what earlier writes left.
export const lockChild = (tx: Tx, childId: string) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `safeguarding:${childId}`);

export const activePlan = (tx: Tx, at: { tenant: string; childId: string }) => tx.childProtectionPlan.findFirst({ where: { ...at, endDate: null } });

/** Completes open tasks, and the escalations raised for them (the escalation's purpose is met). */
export async function completeWithEscalations(tx: Tx, at: { tenant: string; childId: string }, where: Prisma.SafeguardingTaskWhereInput, on: LocalDate) {
  const events: NewEvent[] = [];
  const done = await openTasks(tx, at, where);
  for (const t of done) events.push(await completeTask(tx, t, on));
  if (done.length) {
    for (const e of await openTasks(tx, at, { task: TASK.ESCALATION, escalatesTaskId: { in: done.map((t) => t.id) } })) {
      events.push(await completeTask(tx, e, on));
    }
  }
  return events;
}

export async function cancelWithEscalations(tx: Tx, at: { tenant: string; childId: string }, where: Prisma.SafeguardingTaskWhereInput, on: LocalDate, reason: string) {
  const events: NewEvent[] = [];
  const gone = await openTasks(tx, at, where);
  for (const t of gone) events.push(await cancelTask(tx, t, on, reason));
  if (gone.length) {
    for (const e of await openTasks(tx, at, { task: TASK.ESCALATION, escalatesTaskId: { in: gone.map((t) => t.id) } })) {
      events.push(await cancelTask(tx, e, on, reason));
    }
  }
  return events;
}
