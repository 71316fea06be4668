import { createHash } from "node:crypto";
import { now } from "./clock";
import { EventEnvelope, envelope, NewEvent } from "./events/envelope";
import { Domain, eventsTopic } from "./events/topics";
import { quoteIdent, RawSql } from "./db-types";
import type { Identity } from "./auth";
import { currentOperation } from "./audit/operation";
import { AUDIT_TOPIC, auditCopy } from "./audit/trail";

/**
 * The one place where a service writes what happened: audit entries and outgoing events, both in
 * the caller's database transaction, so a change, its audit entry and its events commit together
 * or not at all. The outbox relay publishes the events afterwards.
 */
export interface Actor {
  identity: Identity;
  requestId?: string;
  /** The GraphQL operation; defaults to the one the request is running (audit/operation.ts). */
  operation?: string;
}

/** A request's reads of children's records in one subgraph: ONE audit row (audit/reads.ts). */
export interface Read {
  childIds: string[];
  /** The fields read, as "Type.field" (e.g. "Child.healthAssessments"). */
  fields: string[];
  /** The request's GraphQL operation. */
  operation?: string;
  /** One record read outside GraphQL (e.g. a document downloaded): its type and id, and details. */
  record?: { entity: string; entityId: string; details?: Record<string, unknown> };
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
  /** Reads of children's records by one request: one audit entry for all of them. */
  read(tx: RawSql, actor: Actor, read: Read): Promise<void>;
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

  async function writeAudit(tx: RawSql, actor: Actor, change: Change, read?: Read) {
    // A hash chain per service schema makes any edited or deleted entry detectable; the
    // transaction-scoped lock keeps the chain linear under concurrent writers. audit_chain_head()
    // (SECURITY DEFINER: a request's role sees only its tenant's rows) takes the lock and reads
    // the head in one statement; the entry and its copy for the trail are one more.
    const last = await tx.$queryRawUnsafe<{ hash: string | null }[]>(`SELECT ${s}.audit_chain_head() AS hash`);
    const entry: AuditHashedEntry = {
      at: now().toISOString(),
      tenant: actor.identity.tenant,
      actor: actor.identity.userId,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId,
      childId: change.childId ?? null,
      requestId: actor.requestId ?? null,
      details: change.details ?? {},
      kind: read ? "read" : "change",
      role: [...(actor.identity.roles ?? [])].sort().join(","),
      operation: read?.operation ?? actor.operation ?? currentOperation() ?? null,
      childIds: read ? [...new Set(read.childIds)].sort() : null,
      fields: read ? [...new Set(read.fields)].sort() : null,
    };
    const prevHash = last[0]?.hash ?? "";
    const hash = auditHash(prevHash, entry);
    const values = [
      entry.at,
      entry.tenant,
      entry.actor,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.childId,
      entry.requestId,
      JSON.stringify(entry.details),
      entry.kind,
      entry.role,
      entry.operation,
      entry.childIds === null ? null : JSON.stringify(entry.childIds),
      entry.fields === null ? null : JSON.stringify(entry.fields),
      prevHash,
      hash,
    ];
    const insertEntry = `INSERT INTO ${s}.audit_entry (at, tenant, actor, action, entity, entity_id, child_id, request_id, details, kind, role, operation, child_ids, fields, prev_hash, hash)
       VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13::jsonb, $14::jsonb, $15, $16) RETURNING seq`;
    // A copy for the collected trail (Query.auditTrail, audit/trail.ts), in the same statement:
    // the entry's seq goes into the copy's payload.
    const copy = auditCopy(source, "", entry, hash);
    if (!copy) {
      await tx.$executeRawUnsafe(insertEntry, ...values);
      return;
    }
    await tx.$executeRawUnsafe(
      `WITH entry AS (${insertEntry})
       INSERT INTO ${s}.outbox_event (id, topic, key, type, envelope, occurred_at)
       SELECT $17::uuid, $18, $19, $20, jsonb_set($21::jsonb, '{payload,seq}', to_jsonb(entry.seq::text)), $22::timestamptz FROM entry`,
      ...values,
      copy.id,
      AUDIT_TOPIC,
      copy.childId,
      copy.type,
      JSON.stringify(copy),
      copy.occurredAt,
    );
    setImmediate(onEvents);
  }

  return {
    async change(tx, actor, change) {
      await writeAudit(tx, actor, change);
      const at = { tenant: actor.identity.tenant, source, actor: actor.identity.userId, requestId: actor.requestId };
      return writeEvents(tx, (change.events ?? []).map((e) => envelope(e, at)));
    },
    async read(tx, actor, read) {
      if (!read.childIds.length) return;
      const r = read.record;
      await writeAudit(tx, actor, { action: "child.read", entity: r?.entity ?? "Child", entityId: r?.entityId ?? "", details: r?.details }, read);
    },
    async consequence(tx, cause, events) {
      const at = { tenant: cause.tenant, source, actor: `system:${source}`, causationId: cause.id, requestId: cause.requestId };
      return writeEvents(tx, events.map((e) => envelope(e, at)));
    },
  };
}

/** What the hash of an entry covers (every column but seq, prev_hash and hash). */
export interface AuditHashedEntry {
  at: string;
  tenant: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  childId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  /** null only on entries written before reads were audited (their hash covers the fields above). */
  kind?: "read" | "change" | null;
  role?: string | null;
  operation?: string | null;
  childIds?: string[] | null;
  fields?: string[] | null;
}

/** An audit_entry row as the database returns it (snake_case columns). */
export interface AuditRow {
  seq: bigint | number | string;
  at: Date;
  tenant: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  child_id: string | null;
  request_id: string | null;
  details: unknown;
  kind: string | null;
  role: string | null;
  operation: string | null;
  child_ids: unknown;
  fields: unknown;
  prev_hash: string;
  hash: string;
}

/** Rebuilds the hashed entry from a stored row (verify, tests). */
export function auditEntryOf(row: AuditRow): AuditHashedEntry {
  const entry: AuditHashedEntry = {
    at: row.at.toISOString(),
    tenant: row.tenant,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    childId: row.child_id,
    requestId: row.request_id,
    details: row.details as Record<string, unknown>,
  };
  if (row.kind === null) return entry; // written before the columns existed
  return {
    ...entry,
    kind: row.kind as "read" | "change",
    role: row.role,
    operation: row.operation,
    childIds: (row.child_ids as string[] | null) ?? null,
    fields: (row.fields as string[] | null) ?? null,
  };
}

/** SHA-256 over the previous hash and the entry as canonical JSON (keys sorted, as jsonb re-reads it). */
export function auditHash(prevHash: string, entry: AuditHashedEntry | Record<string, unknown>): string {
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
