import { compareDates, LocalDate } from "@caregraph/platform/calendar";
import type { Problem } from "./ages";

/**
 * Referrals to child and adolescent mental health services: referred on, accepted or refused (and
 * when), first seen on — and the waiting time, from referral to first appointment (or to today
 * while the child is still waiting). NHS England reports CAMHS waits in weeks from referral; that
 * is the measure shown (no statutory maximum wait is applied here).
 */
export interface Waiting {
  days: number;
  stillWaiting: boolean;
  /** "6 weeks 3 days", "still waiting" when so. */
  words: string;
}

const between = (from: LocalDate, to: LocalDate) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function waitingTime(referral: { referredOn: LocalDate; outcome: "ACCEPTED" | "REFUSED" | null; firstSeenOn: LocalDate | null }, today: LocalDate): Waiting | null {
  if (referral.outcome === "REFUSED") return null; // not waiting for anything
  const to = referral.firstSeenOn ?? today;
  const days = Math.max(0, between(referral.referredOn, to));
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  const parts = [weeks ? `${weeks} week${weeks === 1 ? "" : "s"}` : "", rest || !weeks ? `${rest} day${rest === 1 ? "" : "s"}` : ""].filter(Boolean);
  const stillWaiting = !referral.firstSeenOn;
  return { days, stillWaiting, words: `${parts.join(" ")}${stillWaiting ? " (still waiting)" : ""}` };
}

/** The referral's progress, in the order it happens: a decision on or after the referral, first seen only once accepted. */
export function camhsProgressProblem(
  r: { referredOn: LocalDate; outcome: "ACCEPTED" | "REFUSED" | null },
  change: { outcome?: "ACCEPTED" | "REFUSED" | null; decidedOn?: LocalDate | null; firstSeenOn?: LocalDate | null },
  today: LocalDate,
): Problem {
  const outcome = change.outcome ?? r.outcome;
  if (change.outcome && !change.decidedOn) return ["input.decidedOn", "REQUIRED", "say when CAMHS accepted or refused the referral"];
  for (const [field, day] of [["input.decidedOn", change.decidedOn], ["input.firstSeenOn", change.firstSeenOn]] as const) {
    if (!day) continue;
    if (compareDates(day, today) > 0) return [field, "NOT_IN_FUTURE", "cannot be a future date"];
    if (compareDates(day, r.referredOn) < 0) return [field, "NOT_BEFORE_REFERRAL", `cannot be before the referral on ${r.referredOn}`];
  }
  if (change.firstSeenOn && outcome !== "ACCEPTED") return ["input.firstSeenOn", "ACCEPTED_FIRST", "a child is first seen once CAMHS has accepted the referral: record the acceptance"];
  if (change.firstSeenOn && change.decidedOn && compareDates(change.firstSeenOn, change.decidedOn) < 0) {
    return ["input.firstSeenOn", "NOT_BEFORE_DECISION", "cannot be before the referral was accepted"];
  }
  return null;
}

