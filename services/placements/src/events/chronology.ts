import type { ChronologyEntry } from "@caregraph/platform";
import { formatDate, fromUtc, todayInEngland } from "@caregraph/platform/calendar";
import { CHANGE_REASONS, PLACEMENT_TYPES } from "../domain/codes";
import { formatInstant } from "../domain/missing-episodes";
import { breakDays } from "../domain/short-breaks";
import type { MissingEpisode, Placement, ShortBreak } from "../generated/prisma/client";

/**
 * What the placements domain tells the child's chronology: DfE codes with their wording and
 * dates. Never the postcode (hidden from residential staff), the home's URN, a carer's or an
 * interviewer's name, or a reason typed for a correction.
 */
const type = (code: string) => `${code} (${PLACEMENT_TYPES[code as keyof typeof PLACEMENT_TYPES] ?? "unknown type"})`;

const sameDay = (a: Date | null, b: Date | null) => a !== null && b !== null && a.getTime() === b.getTime();

/**
 * The entries a child's placements tell (voided ones left out), derived from the whole history so
 * a correction is published as the difference (`chronologyChanges`): each placement's start — a
 * move when it follows another the same day (CPPCR 2010 reg 9/11: a change of placement), with the
 * DfE reason for the change — and its end, unless a move ended it (the move's entry says so).
 */
export function placementEntries(history: Placement[]): ChronologyEntry[] {
  const live = history.filter((p) => p.voidedAt === null);
  return live.flatMap((p) => {
    const from = live.find((q) => q.id === p.previousPlacementId && sameDay(q.endDate, p.startDate));
    const movedOn = live.some((q) => q.previousPlacementId === p.id && sameDay(p.endDate, q.startDate));
    const reason = from?.reasonForChange ? `; reason for the change ${from.reasonForChange} (${CHANGE_REASONS[from.reasonForChange as keyof typeof CHANGE_REASONS]})` : "";
    const entries: ChronologyEntry[] = [
      from
        ? { entryId: `placement:${p.id}:started`, kind: "PlacementMoved", on: fromUtc(p.startDate), summary: `Moved from placement ${from.type} to ${type(p.type)}${reason}` }
        : { entryId: `placement:${p.id}:started`, kind: "PlacementStarted", on: fromUtc(p.startDate), summary: `Placement started: ${type(p.type)}` },
    ];
    if (p.temporaryApprovalEndsOn) {
      const until = formatDate(fromUtc(p.temporaryApprovalEndsOn));
      entries.push({
        entryId: `placement:${p.id}:temporary-approval`,
        kind: "ConnectedPersonTemporaryApproval",
        on: fromUtc(p.startDate),
        summary: `Connected person approved temporarily (CPPCR 2010 reg 24) until ${until}${p.temporaryApprovalExtended ? ", extended once (reg 25)" : ""}`,
      });
    }
    if (p.transitionPlanAgreedOn) {
      entries.push({
        entryId: `placement:${p.id}:transition-plan`,
        kind: "TransitionPlan",
        on: fromUtc(p.transitionPlanAgreedOn),
        summary: `Planned move to ${type(p.type)}: transition plan agreed${p.riskAssessmentCompletedOn ? `, risk assessment completed ${formatDate(fromUtc(p.riskAssessmentCompletedOn))}` : ""}`,
      });
    }
    if (p.disruptionMeetingHeldOn) {
      entries.push({ entryId: `placement:${p.id}:disruption-meeting`, kind: "DisruptionMeeting", on: fromUtc(p.disruptionMeetingHeldOn), summary: `Disruption meeting held: ${type(p.type)}` });
    }
    if (p.placementPlanPreparedOn) {
      entries.push({ entryId: `placement:${p.id}:plan`, kind: "PlacementPlanPrepared", on: fromUtc(p.placementPlanPreparedOn), summary: `Placement plan prepared: ${type(p.type)}` });
    }
    if (p.endDate && !movedOn) {
      entries.push({ entryId: `placement:${p.id}:ended`, kind: "PlacementEnded", on: fromUtc(p.endDate), summary: `Placement ended: ${type(p.type)}` });
    }
    return entries;
  });
}

const WHAT = { MISSING: "Missing", AWAY: "Away from placement without authorisation" } as const;

/** "2 days 3 hours", "45 minutes": how long a child was gone. */
export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const parts: [number, string][] = [
    [Math.floor(minutes / 1440), "day"],
    [Math.floor((minutes % 1440) / 60), "hour"],
    [minutes % 60, "minute"],
  ];
  const said = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}${n === 1 ? "" : "s"}`);
  return said.length ? said.join(" ") : "less than a minute";
}

/**
 * A missing episode as the chronology tells it: gone (with the time), back (with how long and when
 * the interview is due), the interview. `declinedAt`: when a declined interview recorded no offer
 * time, the moment it was recorded.
 */
export function missingEpisodeEntries(e: MissingEpisode, declinedAt?: Date): ChronologyEntry[] {
  const what = WHAT[e.kind];
  const instant = (at: Date) => ({ on: todayInEngland(at), at: at.toISOString() });
  const entries: ChronologyEntry[] = [
    { entryId: `missing-episode:${e.id}:started`, kind: "MissingEpisodeStarted", ...instant(e.startedAt), summary: `${what} from ${formatInstant(e.startedAt, true)}` },
  ];
  if (e.endedAt) {
    const due = e.returnInterviewDueAt ? `; return home interview due by ${formatInstant(e.returnInterviewDueAt, true)}` : "";
    entries.push({
      entryId: `missing-episode:${e.id}:ended`,
      kind: "MissingEpisodeEnded",
      ...instant(e.endedAt),
      summary: `Returned at ${formatInstant(e.endedAt, true)} after ${duration(e.endedAt.getTime() - e.startedAt.getTime())} (${what.toLowerCase()})${due}`,
    });
  }
  const interview = e.returnInterviewHeldAt ?? (e.returnInterviewDeclined ? (e.returnInterviewOfferedAt ?? declinedAt ?? null) : null);
  if (interview) {
    entries.push({
      entryId: `missing-episode:${e.id}:return-home-interview`,
      kind: "ReturnHomeInterview",
      ...instant(interview),
      summary: e.returnInterviewHeldAt ? "Return home interview held" : "Return home interview offered and declined",
    });
  }
  return entries;
}

/** A short break as the chronology tells it: its dates and length. */
export function shortBreakEntries(b: ShortBreak): ChronologyEntry[] {
  const startDate = fromUtc(b.startDate);
  const endDate = fromUtc(b.endDate);
  const days = breakDays({ startDate, endDate });
  return [{ entryId: `short-break:${b.id}`, kind: "ShortBreak", on: startDate, summary: `Short break of ${days} day${days === 1 ? "" : "s"}, ${formatDate(startDate)} to ${formatDate(endDate)}` }];
}
