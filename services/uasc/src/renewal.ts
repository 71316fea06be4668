import { randomUUID } from "node:crypto";
import { NewEvent, StatutoryTask, statutoryTaskCancelled, statutoryTaskCompleted, statutoryTaskScheduled } from "@caregraph/platform";
import { explain, formatDate, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { STATUS_WORDS } from "./domain/immigration-status";
import { LEAVE_RENEWAL_AUTHORITY, LEAVE_RENEWAL_LABEL, LEAVE_RENEWAL_TASK, leaveRenewalDue } from "./domain/leave-renewal";
import type { ImmigrationStatusRecord } from "./generated/prisma/client";
import { currentStatus, Tx } from "./uasc";

/** The renewal a status's leave needs (its due date and how it was worked out), or null without an expiry. */
export function renewalOf(s: Pick<ImmigrationStatusRecord, "leaveExpiresOn">) {
  if (!s.leaveExpiresOn) return null;
  const due = leaveRenewalDue(fromUtc(s.leaveExpiresOn));
  return { due, explanation: explain(LEAVE_RENEWAL_LABEL, due) };
}

const task = (taskId: string, dueDate: LocalDate, explanation: string): StatutoryTask => ({
  taskId,
  task: LEAVE_RENEWAL_TASK,
  dueDate,
  authority: LEAVE_RENEWAL_AUTHORITY,
  explanation,
});

/**
 * Brings the LeaveToRemainRenewal task into line with the child's current status: one open task
 * while the current leave has an expiry and no application for further leave; a new expiry moves
 * it (same task id, Scheduled again); a status without expiry cancels it; `appliedOn` completes it.
 * Idempotent: a second call changes nothing. Returns the task events.
 */
export async function syncLeaveRenewal(tx: Tx, tenant: string, childId: string, appliedOn?: LocalDate): Promise<NewEvent[]> {
  const record = await tx.uascRecord.findUniqueOrThrow({ where: { childId } });
  const current = await currentStatus(tx, tenant, childId);
  const wanted = current && !current.furtherLeaveAppliedOn ? renewalOf(current) : null;
  const events: NewEvent[] = [];
  let open = record.renewalTaskId && record.renewalDueDate ? { id: record.renewalTaskId, due: fromUtc(record.renewalDueDate) } : null;

  if (open && (appliedOn || !wanted)) {
    const t = task(open.id, open.due, `${LEAVE_RENEWAL_LABEL} due ${formatDate(open.due)}`);
    events.push(
      appliedOn
        ? statutoryTaskCompleted(childId, t, appliedOn)
        : statutoryTaskCancelled(childId, t, current ? `no leave to renew: the current status is ${STATUS_WORDS[current.status]}` : "no leave to renew"),
    );
    await tx.uascRecord.update({ where: { childId }, data: { renewalTaskId: null, renewalDueDate: null } });
    open = null;
  }
  if (!wanted || (open && open.due === wanted.due.date)) return events;
  const id = open?.id ?? randomUUID();
  events.push(statutoryTaskScheduled(childId, task(id, wanted.due.date, wanted.explanation)));
  await tx.uascRecord.update({ where: { childId }, data: { renewalTaskId: id, renewalDueDate: toUtc(wanted.due.date) } });
  return events;
}
