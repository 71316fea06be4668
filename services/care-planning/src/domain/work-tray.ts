import { compareDates, LocalDate, workingDaysAfter } from "@caregraph/platform/calendar";

/**
 * How a task in the work tray stands on a given day. Pure: the caller passes the platform clock's
 * today/now, so every read shows the status of that moment (nothing is stored that goes stale).
 */
export type TaskState = "OPEN" | "DONE" | "CANCELLED";
export type TaskStatus = "DUE" | "DUE_SOON" | "OVERDUE" | "DONE" | "CANCELLED";

export interface TrayTaskFacts {
  state: TaskState;
  dueDate: LocalDate;
  /** Deadlines counted in hours (a return home interview within 72 hours). */
  dueAt: Date | null;
  completedOn: LocalDate | null;
  completedAt: Date | null;
}

/** Due soon: due within the next 5 working days (CareGraph's warning window). */
export const DUE_SOON_WORKING_DAYS = 5;

export function taskStatus(t: TrayTaskFacts, today: LocalDate, now: Date): TaskStatus {
  if (t.state === "DONE") return "DONE";
  if (t.state === "CANCELLED") return "CANCELLED";
  if (isOverdue(t, today, now)) return "OVERDUE";
  return compareDates(t.dueDate, workingDaysAfter(today, DUE_SOON_WORKING_DAYS)) <= 0 ? "DUE_SOON" : "DUE";
}

/** Still open past its deadline: the instant when it has one, otherwise the end of its due day. */
export function isOverdue(t: TrayTaskFacts, today: LocalDate, now: Date): boolean {
  if (t.state !== "OPEN") return false;
  return t.dueAt ? now.getTime() > t.dueAt.getTime() : compareDates(t.dueDate, today) < 0;
}

/** Done by the deadline (on the due day counts as on time); null while not done. */
export function completedOnTime(t: TrayTaskFacts): boolean | null {
  if (t.state !== "DONE" || !t.completedOn) return null;
  if (t.dueAt && t.completedAt) return t.completedAt.getTime() <= t.dueAt.getTime();
  return compareDates(t.completedOn, t.dueDate) <= 0;
}

export interface ComplianceCounts {
  kind: string;
  due: number;
  doneOnTime: number;
  doneLate: number;
  overdue: number;
  notYetDue: number;
}

/** Per task kind, over tasks due in the period (cancelled ones excluded): how many were met. */
export function complianceSummary(tasks: (TrayTaskFacts & { kind: string })[], today: LocalDate, now: Date): ComplianceCounts[] {
  const lines = new Map<string, ComplianceCounts>();
  for (const t of tasks) {
    if (t.state === "CANCELLED") continue;
    const line = lines.get(t.kind) ?? { kind: t.kind, due: 0, doneOnTime: 0, doneLate: 0, overdue: 0, notYetDue: 0 };
    line.due += 1;
    const onTime = completedOnTime(t);
    if (onTime === true) line.doneOnTime += 1;
    else if (onTime === false) line.doneLate += 1;
    else if (isOverdue(t, today, now)) line.overdue += 1;
    else line.notYetDue += 1;
    lines.set(t.kind, line);
  }
  return [...lines.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1));
}
