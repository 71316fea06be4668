import { createHash } from "node:crypto";
import { now } from "./clock";
import { EventEnvelope, envelope, NewEvent } from "./events/envelope";
import { Domain, eventsTopic } from "./events/topics";
import { quoteIdent, RawSql } from "./db-types";
import type { Identity } from "./auth";

/**
 * The one place where a service writes what happened: audit entries and outgoing events, both in
 * the caller's database transaction, so a change, its audit entry and its events commit together
 * or not at all. The outbox relay publishes the events afterwards.
 */
export interface Actor {
  identity: Identity;
  requestId?: string;
}

export interface Change {
  /** Statutory-sounding verb, e.g. "placement.started". */
  action: string;
  entity: string;
  entityId: string;
  childId?: string;
  details?: Record<string, unknown>;
  events?: NewEvent[];
}

export interface Recorder {
  /** A practitioner's change: audit entry + events. */
  change(tx: RawSql, actor: Actor, change: Change): Promise<EventEnvelope[]>;
  /** A consequence of another event (no practitioner acted): events only, caused by `cause`. */
  consequence(tx: RawSql, cause: EventEnvelope, events: NewEvent[]): Promise<EventEnvelope[]>;
}

export function createRecorder(source: Domain, schema: string, onEvents: () => void = () => undefined): Recorder {
  const s = quoteIdent(schema);
  const topic = eventsTopic(source);

  async function writeEvents(tx: RawSql, events: EventEnvelope[]) {
    for (const e of events) {
      await tx.$executeRawUnsafe(
        `INSERT INTO ${s}.outbox_event (id, topic, key, type, envelope, occurred_at) VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6::timestamptz)`,
        e.id,
        topic,
        e.childId,
        e.type,
        JSON.stringify(e),
        e.occurredAt,
      );
    }
    if (events.length) setImmediate(onEvents);
    return events;
  }

  async function writeAudit(tx: RawSql, actor: Actor, change: Change) {
    // A hash chain per service schema makes any edited or deleted entry detectable; the
    // transaction-scoped lock keeps the chain linear under concurrent writers.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `${schema}.audit_entry`);
    const last = await tx.$queryRawUnsafe<{ hash: string }[]>(`SELECT hash FROM ${s}.audit_entry ORDER BY seq DESC LIMIT 1`);
    const entry = {
      at: now().toISOString(),
      tenant: actor.identity.tenant,
      actor: actor.identity.userId,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId,
      childId: change.childId ?? null,
      requestId: actor.requestId ?? null,
      details: change.details ?? {},
    };
    const prevHash = last[0]?.hash ?? "";
    const hash = auditHash(prevHash, entry);
    await tx.$executeRawUnsafe(
      `INSERT INTO ${s}.audit_entry (at, tenant, actor, action, entity, entity_id, child_id, request_id, details, prev_hash, hash)
       VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
      entry.at,
      entry.tenant,
      entry.actor,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.childId,
      entry.requestId,
      JSON.stringify(entry.details),
      prevHash,
      hash,
    );
  }

  return {
    async change(tx, actor, change) {
      await writeAudit(tx, actor, change);
      const at = { tenant: actor.identity.tenant, source, actor: actor.identity.userId, requestId: actor.requestId };
      return writeEvents(tx, (change.events ?? []).map((e) => envelope(e, at)));
    },
    async consequence(tx, cause, events) {
      const at = { tenant: cause.tenant, source, actor: `system:${source}`, causationId: cause.id, requestId: cause.requestId };
      return writeEvents(tx, events.map((e) => envelope(e, at)));
    },
  };
}

/** SHA-256 over the previous hash and the entry as canonical JSON (keys sorted, as jsonb re-reads it). */
export function auditHash(prevHash: string, entry: Record<string, unknown>): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(entry)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
