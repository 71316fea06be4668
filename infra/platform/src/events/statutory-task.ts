import type { LocalDate } from "../calendar";
import type { NewEvent } from "./envelope";

/**
 * The one event shape every domain publishes about its statutory tasks, so a cross-domain work
 * tray can be fed from a single stream: "this is due for this child by this date" and
 * "that is done" (or no longer needed).
 */
export interface StatutoryTask {
  /** The domain's own id for the task (e.g. the health assessment id). */
  taskId: string;
  /** The statutory name, e.g. "InitialHealthAssessment". */
  task: string;
  dueDate: LocalDate;
  /** The regulation or guidance that sets the timescale. */
  authority: string;
}

export const statutoryTaskScheduled = (childId: string, t: StatutoryTask): NewEvent => ({
  type: "StatutoryTaskScheduled",
  childId,
  payload: { ...t },
});

export const statutoryTaskCompleted = (childId: string, t: StatutoryTask, completedOn: LocalDate): NewEvent => ({
  type: "StatutoryTaskCompleted",
  childId,
  payload: { ...t, completedOn },
});

export const statutoryTaskCancelled = (childId: string, t: StatutoryTask, reason: string): NewEvent => ({
  type: "StatutoryTaskCancelled",
  childId,
  payload: { ...t, reason },
});
