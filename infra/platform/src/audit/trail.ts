/**
 * Query.auditTrail across all subgraphs. Each subgraph's audit chain stays in its own schema (no
 * service reads another's tables); the children subgraph answers `auditTrail` because the child's
 * record is its entity, and the entries of every subgraph reach it as events:
 * - records.ts writes, with every audit entry and in the same transaction, an outbox row on the
 *   topic `caregraph.audit` (type AuditRecorded, keyed by the first child id): the entry's columns
 *   but not its free-text details (events carry no names or narratives), plus service, seq, hash;
 * - the collecting service (ServiceDefinition.collectsAuditTrail) consumes that topic like any
 *   other, idempotently, with the event's tenant set (RLS), into `audit_trail` in its own schema;
 * - `auditTrail(childId, from, to)` reads `audit_trail` for the caller's tenant, oldest first
 *   (newest last). `seq` + `hash` let an auditor match a row to its service's verified chain.
 * Why events rather than the collector calling every subgraph: the relay already delivers at
 * least once and in order per child, a subgraph being down delays the trail instead of failing
 * it, and no service needs the others' addresses. The cost: the trail lags by the relay's delay
 * (normally well under a second).
 */
import type { RawSql } from "../db-types";
import { quoteIdent } from "../db-types";
import { envelope, type EventEnvelope } from "../events/envelope";
import type { EventHandler } from "../events/consumer";
import type { AuditHashedEntry } from "../records";

export { AUDIT_TOPIC } from "../events/topics";
export const AUDIT_RECORDED = "AuditRecorded";

export interface AuditRecordedPayload {
  service: string;
  seq: string;
  at: string;
  actor: string;
  role: string | null;
  operation: string | null;
  requestId: string | null;
  kind: "read" | "change";
  action: string;
  entity: string;
  entityId: string;
  childIds: string[];
  fields: string[] | null;
  hash: string;
}

/** The event copy of an entry; null when the entry names no child (nothing to show in a trail). */
export function auditCopy(service: string, seq: string, entry: AuditHashedEntry, hash: string): EventEnvelope<AuditRecordedPayload> | null {
  const childIds = entry.childIds ?? (entry.childId ? [entry.childId] : []);
  if (!childIds.length) return null;
  const payload: AuditRecordedPayload = {
    service,
    seq,
    at: entry.at,
    actor: entry.actor,
    role: entry.role ?? null,
    operation: entry.operation ?? null,
    requestId: entry.requestId,
    kind: entry.kind ?? "change",
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    childIds,
    fields: entry.fields ?? null,
    hash,
  };
  return envelope({ type: AUDIT_RECORDED, childId: childIds[0]!, payload }, { tenant: entry.tenant, source: service, actor: entry.actor, requestId: entry.requestId ?? undefined });
}

/** The collector's handler: one row per entry (the consumer makes redeliveries no-ops). */
export function auditTrailHandler(schema: string): EventHandler<RawSql> {
  const s = quoteIdent(schema);
  return async (tx, event) => {
    const p = event.payload as unknown as AuditRecordedPayload;
    await tx.$executeRawUnsafe(
      `INSERT INTO ${s}.audit_trail (id, tenant, service, seq, at, actor, role, operation, request_id, kind, action, entity, entity_id, child_ids, fields, hash)
       VALUES ($1::uuid, $2, $3, $4::bigint, $5::timestamptz, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16)
       ON CONFLICT DO NOTHING`,
      event.id,
      event.tenant,
      p.service,
      p.seq,
      p.at,
      p.actor,
      p.role,
      p.operation,
      p.requestId,
      p.kind,
      p.action,
      p.entity,
      p.entityId,
      JSON.stringify(p.childIds),
      p.fields === null ? null : JSON.stringify(p.fields),
      p.hash,
    );
  };
}

export interface AuditTrailEntry {
  at: Date;
  service: string;
  seq: string;
  actor: string;
  role: string | null;
  operation: string | null;
  requestId: string | null;
  kind: string;
  action: string;
  entity: string;
  entityId: string;
  childIds: string[];
  fields: string[] | null;
  hash: string;
}

/** One child's collected trail in the caller's tenant (entries naming any of `childIds`: the record and those merged into it), oldest first; `to` exclusive. */
export async function readAuditTrail(db: RawSql, schema: string, q: { tenant: string; childIds: string[]; from?: Date | null; to?: Date | null }): Promise<AuditTrailEntry[]> {
  const s = quoteIdent(schema);
  return db.$queryRawUnsafe<AuditTrailEntry[]>(
    `SELECT at, service, seq::text AS seq, actor, role, operation, request_id AS "requestId", kind, action, entity, entity_id AS "entityId",
            child_ids AS "childIds", fields, hash
       FROM ${s}.audit_trail
      WHERE tenant = $1 AND child_ids ?| $2::text[]
        AND ($3::timestamptz IS NULL OR at >= $3::timestamptz) AND ($4::timestamptz IS NULL OR at < $4::timestamptz)
      ORDER BY at, service, seq
      LIMIT 10000`,
    q.tenant,
    q.childIds,
    q.from ? q.from.toISOString() : null,
    q.to ? q.to.toISOString() : null,
  );
}
