import { compareDates, formatDate, LocalDate, todayInEngland } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * Children who go missing or are away from placement (DfE SSDA903 Missing table: MISSING M / A,
 * MIS_START, MIS_END) and the return home interview that follows each return.
 */

/** DfE statutory guidance on children who run away or go missing from home or care (January 2014). */
export const RETURN_HOME_INTERVIEW_AUTHORITY =
  "DfE statutory guidance on children who run away or go missing from home or care (January 2014): return home interview within 72 hours of return";

/** The guidance's "within 72 hours": elapsed hours from the return, not working days and not wall-clock days. */
export const RETURN_HOME_INTERVIEW_HOURS = 72;

const HOUR_MS = 3_600_000;
const WALL_CLOCK = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const ZONE = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "short" });
const zoneName = (at: Date) => ZONE.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "";

/** "18 Dec 2026 14:30": an instant as a clock in England shows it (with GMT/BST when `zone`). */
export function formatInstant(at: Date, zone = false): string {
  return `${formatDate(todayInEngland(at))} ${WALL_CLOCK.format(at)}${zone ? ` ${zoneName(at)}` : ""}`;
}

export interface ReturnHomeInterviewDue {
  dueAt: Date;
  /** The day in England on which `dueAt` falls (the work tray's date). */
  dueDate: LocalDate;
  /** "Return home interview due 21 Dec 2026 14:30: 72 hours after the return at 18 Dec 2026 14:30". */
  explanation: string;
}

/**
 * 2014 DfE statutory guidance on children who run away or go missing from home or care: a return
 * home interview is offered on return and carried out within 72 hours. Hours are elapsed time, so
 * across a change of the clocks the wall-clock time moves by an hour (both times then say GMT/BST).
 */
export function returnHomeInterviewDue(returnedAt: Date): ReturnHomeInterviewDue {
  const dueAt = new Date(returnedAt.getTime() + RETURN_HOME_INTERVIEW_HOURS * HOUR_MS);
  const zone = zoneName(dueAt) !== zoneName(returnedAt);
  return {
    dueAt,
    dueDate: todayInEngland(dueAt),
    explanation: `Return home interview due ${formatInstant(dueAt, zone)}: ${RETURN_HOME_INTERVIEW_HOURS} hours after the return at ${formatInstant(returnedAt, zone)}`,
  };
}

export interface Episode {
  startedAt: Date;
  endedAt: Date | null;
}

const notInFuture = (field: string, at: Date, now: Date, what: string) => {
  if (at.getTime() > now.getTime()) invalidInput(field, "NOT_IN_FUTURE", `${what} cannot be in the future (now is ${now.toISOString()})`);
};

/**
 * A child is missing (or away) once at a time: one open episode, and a new one cannot start inside
 * an earlier one (SSDA903 Missing: each episode is one MIS_START–MIS_END period).
 */
export function checkEpisodeStart(startedAt: Date, existing: Episode[], dateOfBirth: LocalDate, now: Date): void {
  notInFuture("input.startedAt", startedAt, now, "a missing episode");
  if (compareDates(todayInEngland(startedAt), dateOfBirth) < 0) {
    invalidInput("input.startedAt", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${dateOfBirth})`);
  }
  const open = existing.find((e) => e.endedAt === null);
  if (open) {
    invalidInput(
      "input.childId",
      "SECOND_OPEN_EPISODE",
      `the child has been missing or away since ${formatInstant(open.startedAt)}; end that episode (endMissingEpisode) first`,
    );
  }
  const overlapped = existing.find((e) => e.endedAt !== null && e.endedAt.getTime() > startedAt.getTime() && e.startedAt.getTime() <= startedAt.getTime());
  if (overlapped) {
    invalidInput(
      "input.startedAt",
      "EPISODE_OVERLAP",
      `falls inside the episode from ${formatInstant(overlapped.startedAt)} to ${formatInstant(overlapped.endedAt!)}`,
    );
  }
}

/** The return: after the start (an episode cannot end before it starts), and not in the future. */
export function checkEpisodeEnd(episode: Episode, endedAt: Date, now: Date): void {
  if (episode.endedAt) {
    invalidInput("input.episodeId", "EPISODE_ENDED", `the episode already ended at ${formatInstant(episode.endedAt)}`);
  }
  if (endedAt.getTime() < episode.startedAt.getTime()) {
    invalidInput("input.endedAt", "END_BEFORE_START", `the episode started at ${formatInstant(episode.startedAt)}; it cannot end before then`);
  }
  notInFuture("input.endedAt", endedAt, now, "a return");
}

export interface InterviewRecord {
  heldAt?: Date | null;
  offeredAt?: Date | null;
  declined?: boolean | null;
}

/**
 * The interview follows the return (2014 guidance: offered when the child is found, held within
 * 72 hours of return): not before the return, not in the future; held or declined completes it.
 */
export function checkReturnHomeInterview(
  episode: Episode & { returnInterviewHeldAt: Date | null; returnInterviewDeclined: boolean },
  r: InterviewRecord,
  now: Date,
): void {
  if (!episode.endedAt) invalidInput("input.episodeId", "NOT_RETURNED", "the child has not returned yet; end the episode first");
  if (episode.returnInterviewHeldAt || episode.returnInterviewDeclined) {
    invalidInput("input.episodeId", "INTERVIEW_RECORDED", "this episode's return home interview is already recorded as held or declined");
  }
  if (!r.heldAt && !r.offeredAt && !r.declined) {
    invalidInput("input.heldAt", "NOTHING_RECORDED", "give when the interview was held or offered, or that the child declined it");
  }
  if (r.heldAt && r.declined) invalidInput("input.declined", "HELD_OR_DECLINED", "an interview that was held was not declined");
  for (const [field, at] of [["input.heldAt", r.heldAt], ["input.offeredAt", r.offeredAt]] as const) {
    if (!at) continue;
    if (at.getTime() < episode.endedAt.getTime()) {
      invalidInput(field, "INTERVIEW_BEFORE_RETURN", `the child returned at ${formatInstant(episode.endedAt)}; the interview cannot be before then`);
    }
    notInFuture(field, at, now, "an interview");
  }
}
