import { randomUUID } from "node:crypto";
import { NewEvent, statutoryTaskCompleted, statutoryTaskScheduled, statutoryTaskCancelled } from "@caregraph/platform";
import { explain, formatDate, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import {
  CarePeriod,
  leavingCareStatus,
  LeavingCareStatus,
  NEEDS_ASSESSMENT_AUTHORITY,
  needsAssessmentDue,
  PATHWAY_REVIEW_AUTHORITY,
  pathwayPlanReviewDue,
} from "./domain/status";
import type { LeavingCareRecord, Prisma } from "./generated/prisma/client";
import { statusChanged } from "./chronology";

type Tx = Prisma.TransactionClient;

export const TASK = { NEEDS: "LeavingCareNeedsAssessment", PATHWAY: "PathwayPlanReview" } as const;
const LABEL = { NEEDS: "Leaving-care needs assessment", PATHWAY: "Pathway plan review" } as const;

/** Statuses in which a needs assessment is owed (CPPCR 2010 reg 42: eligible and relevant children). */
const NEEDS_ASSESSED: LeavingCareStatus[] = ["ELIGIBLE", "RELEVANT"];
/** Statuses in which a pathway plan is kept under review (CA 1989 Sch 2 para 19B, s.23B, s.23CA). */
const PATHWAY_PLANNED: LeavingCareStatus[] = ["ELIGIBLE", "RELEVANT", "FORMER_RELEVANT"];

export const lockChild = (tx: Tx, childId: string) =>
  tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `leaving-care:${childId}`);

export async function carePeriods(tx: Tx, tenant: string, childId: string): Promise<CarePeriod[]> {
  const rows = await tx.carePeriod.findMany({ where: { tenant, childId }, orderBy: { startDate: "asc" } });
  return rows.map((r) => ({ start: fromUtc(r.startDate), end: r.endDate ? fromUtc(r.endDate) : null, shortBreaksOnly: r.shortBreaksOnly }));
}

/** The needs assessment due date and its explanation for a record, or null when none is owed. */
export function needsAssessment(r: LeavingCareRecord) {
  if (!r.eligibleFrom || r.needsAssessmentCompletedOn || !NEEDS_ASSESSED.includes(r.status)) return null;
  const due = needsAssessmentDue(fromUtc(r.dateOfBirth), fromUtc(r.eligibleFrom));
  return { due, explanation: explain(LABEL.NEEDS, due) };
}

/** The next pathway plan review, or null when none is owed (no needs assessment yet, or not in a planned status). */
export function pathwayReview(r: LeavingCareRecord) {
  if (!r.needsAssessmentCompletedOn || !PATHWAY_PLANNED.includes(r.status)) return null;
  const due = r.pathwayPlanReviewedOn
    ? pathwayPlanReviewDue(fromUtc(r.pathwayPlanReviewedOn), true)
    : pathwayPlanReviewDue(fromUtc(r.needsAssessmentCompletedOn), false);
  return { due, explanation: explain(LABEL.PATHWAY, due) };
}

/**
 * Works the child's status out again as of today and brings the record and the work tray into line:
 * a LeavingCareStatusChanged event when the status moves; the needs assessment and pathway plan
 * review tasks scheduled, moved (same task id) or cancelled. Idempotent: a second call changes nothing.
 * `completed` names a task just done (its Completed event is sent instead of a Cancelled one).
 */
/**
 * Whose tray a leaving-care task is in: while the child is still looked after (ELIGIBLE) the
 * allocated social worker assesses and plans (CPPCR 2010 reg 42-43; the personal adviser, reg 44,
 * takes part and sees the child's tasks anyway); once care has ended the personal adviser leads.
 */
function responsibleRole(status: LeavingCareStatus): { assignedRole?: string } {
  return status === "ELIGIBLE" ? {} : { assignedRole: "PERSONAL_ADVISER" };
}

export async function reconcile(tx: Tx, tenant: string, childId: string, completed?: { task: keyof typeof TASK; on: LocalDate }): Promise<{ record: LeavingCareRecord | null; events: NewEvent[] }> {
  const before = await tx.leavingCareRecord.findUnique({ where: { childId } });
  if (!before || before.tenant !== tenant) return { record: null, events: [] };
  const on = today();
  const result = leavingCareStatus({
    dateOfBirth: fromUtc(before.dateOfBirth),
    periods: await carePeriods(tx, tenant, childId),
    on,
    supportTo25: before.supportTo25,
  });
  const events: NewEvent[] = [];
  if (result.status !== before.status) {
    events.push(
      { type: "LeavingCareStatusChanged", childId, payload: { status: result.status, reason: result.reason, on, previousStatus: before.status } },
      statusChanged(childId, { status: result.status, previousStatus: before.status, reason: result.reason, on }),
    );
  }
  let record = await tx.leavingCareRecord.update({
    where: { childId },
    data: { status: result.status, reason: result.reason, eligibleFrom: result.eligibleFrom ? toUtc(result.eligibleFrom) : null, checkedOn: toUtc(on) },
  });

  const sync = async (
    kind: keyof typeof TASK,
    wanted: { due: { date: LocalDate }; explanation: string } | null,
    taskId: string | null,
    dueDate: Date | null,
    authority: string,
  ) => {
    const taskOf = (id: string, due: LocalDate, explanation: string) => ({ taskId: id, task: TASK[kind], dueDate: due, authority, explanation, ...responsibleRole(result.status) });
    const idField = kind === "NEEDS" ? "needsAssessmentTaskId" : "pathwayReviewTaskId";
    const dueField = kind === "NEEDS" ? "needsAssessmentDueDate" : "pathwayReviewDueDate";
    if (taskId && dueDate && (!wanted || completed?.task === kind)) {
      const t = taskOf(taskId, fromUtc(dueDate), `${LABEL[kind]} due ${formatDate(fromUtc(dueDate))}`);
      events.push(completed?.task === kind ? statutoryTaskCompleted(childId, t, completed.on) : statutoryTaskCancelled(childId, t, `no longer needed: status is ${result.status}`));
      record = await tx.leavingCareRecord.update({ where: { childId }, data: { [idField]: null, [dueField]: null } });
      taskId = null;
      dueDate = null;
    }
    if (!wanted) return;
    // Unchanged, unless the status moved: then the task is re-published (same id) so the tray knows whose it now is.
    if (taskId && dueDate && fromUtc(dueDate) === wanted.due.date && result.status === before.status) return;
    const id = taskId ?? randomUUID();
    events.push(statutoryTaskScheduled(childId, taskOf(id, wanted.due.date, wanted.explanation)));
    record = await tx.leavingCareRecord.update({ where: { childId }, data: { [idField]: id, [dueField]: toUtc(wanted.due.date) } });
  };
  await sync("NEEDS", needsAssessment(record), record.needsAssessmentTaskId, record.needsAssessmentDueDate, NEEDS_ASSESSMENT_AUTHORITY);
  await sync("PATHWAY", pathwayReview(record), record.pathwayReviewTaskId, record.pathwayReviewDueDate, PATHWAY_REVIEW_AUTHORITY);
  return { record, events };
}
