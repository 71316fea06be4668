import type { ChronologyEntry } from "@caregraph/platform";
import type { LocalDate } from "@caregraph/platform/calendar";
import { LEGAL_STATUSES, LegalStatusCode, REASONS_EPISODE_CEASED } from "../domain/codes";
import type { ChainedStatus } from "../domain/legal-status";

/**
 * What the children domain tells the child's chronology. Summaries carry codes, their DfE wording
 * and dates — never a name, the UPN (hidden from some readers of this domain) or a reason typed
 * for a correction.
 */
const status = (code: string) => `${code} (${LEGAL_STATUSES[code as LegalStatusCode] ?? "unknown code"})`;

/**
 * The entries a legal status history tells, derived from the whole history so that a correction
 * (amend, void: the history re-chained) is published as the difference (`chronologyChanges`):
 * becoming looked after (the first status of each period of care), each change of legal status,
 * and ceasing to be looked after with the reason (DfE REC).
 */
export function legalStatusEntries(history: ChainedStatus[]): ChronologyEntry[] {
  return history.flatMap((s, i) => {
    const previous = history[i - 1];
    const startsPeriod = !previous || previous.ceased !== null;
    const entries: ChronologyEntry[] = [
      startsPeriod
        ? { entryId: `legal-status:${s.id}`, kind: "BecameLookedAfter", on: s.startDate, summary: `Became looked after: legal status ${status(s.code)}` }
        : { entryId: `legal-status:${s.id}`, kind: "LegalStatusChanged", on: s.startDate, summary: `Legal status changed from ${previous.code} to ${status(s.code)}` },
    ];
    if (s.ceased) {
      const reason = REASONS_EPISODE_CEASED[s.ceased.reason] ?? "reason not known";
      entries.push({ entryId: `legal-status:${s.id}:ceased`, kind: "CeasedLookedAfter", on: s.ceased.on, summary: `Ceased to be looked after: ${s.ceased.reason} (${reason})` });
    }
    return entries;
  });
}

/** Entry ids are unique within the domain (the read model keys by tenant, domain, entryId): each names its child or record. */
export const registeredEntry = (childId: string, on: LocalDate): ChronologyEntry => ({
  entryId: `child:${childId}:registered`,
  kind: "ChildRegistered",
  on,
  summary: "Record opened in CareGraph",
});

/** Archiving and restoring can happen more than once: each is its own entry (keyed by the instant). */
export const archivedEntry = (childId: string, archived: boolean, at: Date, on: LocalDate): ChronologyEntry => ({
  entryId: `child:${childId}:${archived ? "archived" : "restored"}:${at.toISOString()}`,
  kind: archived ? "RecordArchived" : "RecordRestored",
  on,
  at: at.toISOString(),
  summary: archived ? "Record archived" : "Record restored from the archive",
});

const ROLE_WORDS: Record<string, string> = {
  ALLOCATED_SOCIAL_WORKER: "Social worker",
  IRO: "Independent reviewing officer",
  PERSONAL_ADVISER: "Personal adviser",
};

/** A worker allocated (who, by user id, stays out of the summary: the allocation lists show it to those who may see it). */
export const allocationEntry = (a: { id: string; role: string; from: LocalDate }, replacing: boolean): ChronologyEntry => ({
  entryId: `allocation:${a.id}`,
  kind: "WorkerAllocated",
  on: a.from,
  summary: `${ROLE_WORDS[a.role] ?? a.role} ${replacing ? "changed: a new one allocated" : "allocated"}`,
});
