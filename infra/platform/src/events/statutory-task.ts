import type { LocalDate } from "../calendar";
import type { NewEvent } from "./envelope";

/**
 * The one event shape every domain publishes about its statutory tasks, so the cross-domain work
 * tray (care-planning) is fed from a single stream: "this is due for this child by then" and
 * "that is done" (or no longer needed). Re-publishing Scheduled for the same taskId moves it.
 */
export interface StatutoryTask {
  /** The domain's own id for the task (e.g. the health assessment id). */
  taskId: string;
  /** The statutory name, e.g. "InitialHealthAssessment", "ReturnHomeInterview". */
  task: string;
  /** The day it is due by (for an instant deadline, the day in England that `dueAt` falls on). */
  dueDate: LocalDate;
  /** For deadlines counted in hours (a return home interview within 72 hours): the instant, ISO 8601. */
  dueAt?: string;
  /** The regulation or guidance that sets the timescale. */
  authority: string;
  /** How the due date was worked out, checkable by hand (from the rule itself: see calendar/due-dates). */
  explanation: string;
  /** Who the task is for when it is not the child's allocated social worker, e.g. "TEAM_MANAGER". */
  assignedRole?: string;
}

export const statutoryTaskScheduled = (childId: string, t: StatutoryTask): NewEvent => ({
  type: "StatutoryTaskScheduled",
  childId,
  payload: { ...t },
});

export const statutoryTaskCompleted = (childId: string, t: StatutoryTask, completedOn: LocalDate, completedAt?: string): NewEvent => ({
  type: "StatutoryTaskCompleted",
  childId,
  payload: { ...t, completedOn, ...(completedAt ? { completedAt } : {}) },
});

export const statutoryTaskCancelled = (childId: string, t: StatutoryTask, reason: string): NewEvent => ({
  type: "StatutoryTaskCancelled",
  childId,
  payload: { ...t, reason },
});
