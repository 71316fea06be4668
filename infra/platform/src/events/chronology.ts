import type { LocalDate } from "../calendar";
import type { NewEvent } from "./envelope";

/**
 * The one event shape every domain publishes about a significant event in a child's life, so the
 * child's chronology (children domain, `Child.chronology`) is a read model fed from one stream and
 * never reads another service's tables. Who recorded it and when come from the event's envelope.
 *
 * The summary is short and factual and written by the source domain for any reader of that
 * domain: kinds, dates and categories only, never a narrative or a field the role matrix hides
 * from some readers of the domain (a note, a postcode, a UPN). The chronology shows an entry only to
 * callers who may read `domain` (the publishing domain).
 *
 * Re-publishing ChronologyEntryRecorded for the same entryId replaces the entry (a correction);
 * ChronologyEntryWithdrawn removes it (a record voided as entered in error). The newer event (by
 * occurredAt) wins, so a late, older Recorded does not bring a withdrawn entry back. Entry ids
 * are unique within the publishing domain and local authority: put the record's id in them.
 */
export interface ChronologyEntry {
  /** The domain's own stable id for this entry, e.g. "placement:<id>:started" (unique in the domain and tenant). */
  entryId: string;
  /** What happened, in the domain's words, e.g. "PlacementStarted", "ChildProtectionConference". */
  kind: string;
  /** The day it happened in the child's life (not the day it was typed in). */
  on: LocalDate;
  /** For events that have a time of day (went missing at 22:10): the instant, ISO 8601. */
  at?: string;
  /** One factual line, e.g. "Placed with foster carers (U1), placement 1 of this period of care". */
  summary: string;
}

export const chronologyEntryRecorded = (childId: string, e: ChronologyEntry): NewEvent => ({
  type: "ChronologyEntryRecorded",
  childId,
  payload: { ...e },
});

export const chronologyEntryWithdrawn = (childId: string, entryId: string, reason: string): NewEvent => ({
  type: "ChronologyEntryWithdrawn",
  childId,
  payload: { entryId, reason },
});

const sameEntry = (a: ChronologyEntry, b: ChronologyEntry) =>
  a.kind === b.kind && a.on === b.on && (a.at ?? null) === (b.at ?? null) && a.summary === b.summary;

/**
 * The events that bring the chronology from what a domain's record said before a change to what
 * it says after: a new or changed entry is (re-)recorded, one that is gone is withdrawn, one that
 * did not change is left alone. Domains whose corrections re-chain a history (legal statuses,
 * placements) derive both lists from the whole history and let this work out the difference.
 */
export function chronologyChanges(childId: string, before: ChronologyEntry[], after: ChronologyEntry[], reason: string): NewEvent[] {
  const was = new Map(before.map((e) => [e.entryId, e]));
  const is = new Set(after.map((e) => e.entryId));
  return [
    ...after.filter((e) => !was.has(e.entryId) || !sameEntry(was.get(e.entryId)!, e)).map((e) => chronologyEntryRecorded(childId, e)),
    ...before.filter((e) => !is.has(e.entryId)).map((e) => chronologyEntryWithdrawn(childId, e.entryId, reason)),
  ];
}
