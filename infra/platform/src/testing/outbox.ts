import { quoteIdent, RawSql } from "../db-types";
import type { EventEnvelope } from "../events/envelope";

/** The events a service wrote to its outbox for a child, oldest first (audit copies left out). */
export async function outboxEvents(db: RawSql, schema: string, childId: string): Promise<EventEnvelope[]> {
  const rows = await db.$queryRawUnsafe<{ envelope: EventEnvelope }[]>(
    `SELECT envelope FROM ${quoteIdent(schema)}.outbox_event WHERE key = $1 AND topic <> 'caregraph.audit' ORDER BY seq`,
    childId,
  );
  return rows.map((r) => r.envelope);
}

/** What a service told the chronology about a child, oldest first: {type, entryId, kind, on, at?, summary} or {type, entryId, reason}. */
export async function chronologyEvents(db: RawSql, schema: string, childId: string): Promise<Record<string, unknown>[]> {
  return (await outboxEvents(db, schema, childId))
    .filter((e) => e.type === "ChronologyEntryRecorded" || e.type === "ChronologyEntryWithdrawn")
    .map((e) => ({ type: e.type, ...e.payload }));
}
