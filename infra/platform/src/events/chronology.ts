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
 * ChronologyEntryWithdrawn removes it (a record voided as entered in error).
 */
export interface ChronologyEntry {
  /** The domain's own stable id for this entry, e.g. "placement:<id>:started". */
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
