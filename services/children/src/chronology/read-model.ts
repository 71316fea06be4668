import type { ChronologyEntry as Published, EventEnvelope, EventHandler } from "@caregraph/platform";
import { isLocalDate, startOfDayInEngland, toUtc } from "@caregraph/platform/calendar";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * The chronology is a read model of every domain's ChronologyEntryRecorded / Withdrawn events,
 * keyed by (tenant, source domain, entryId), like the work tray is of statutory tasks. The latest
 * event wins by occurredAt (one child's events arrive in order, so a tie goes to the later one):
 * a re-published entry replaces the one before only if it is newer; a withdrawal removes it and
 * leaves a tombstone, so an older Recorded arriving late does not bring it back. A redelivered
 * event never reaches here twice (the platform's idempotent consumer).
 */
export const onEntryRecorded: EventHandler<Tx> = async (tx, e) => {
  const p = e.payload as unknown as Published;
  if (!p.entryId || !p.kind || !p.summary || !isLocalDate(p.on)) throw new Error(`ChronologyEntryRecorded ${e.id} lacks entryId, kind, on or summary`);
  const key = { tenant: e.tenant, domain: e.source, entryId: p.entryId };
  const occurredAt = new Date(e.occurredAt);
  const withdrawn = await tx.chronologyWithdrawal.findUnique({ where: { tenant_domain_entryId: key } });
  if (withdrawn && withdrawn.withdrawnAt > occurredAt) return;
  const existing = await tx.chronologyEntry.findUnique({ where: { tenant_domain_entryId: key } });
  if (existing && existing.recordedAt > occurredAt) return;
  const at = p.at ? new Date(p.at) : null;
  if (at && Number.isNaN(at.getTime())) throw new Error(`ChronologyEntryRecorded ${e.id}: at is not an instant`);
  const entry = {
    childId: e.childId,
    kind: p.kind,
    on: toUtc(p.on),
    at,
    sortAt: at ?? startOfDayInEngland(p.on),
    summary: p.summary,
    recordedBy: e.actor,
    recordedAt: occurredAt,
    eventId: e.id,
  };
  await tx.chronologyEntry.upsert({ where: { tenant_domain_entryId: key }, create: { id: e.id, ...key, ...entry }, update: entry });
};

export const onEntryWithdrawn: EventHandler<Tx> = async (tx, e: EventEnvelope) => {
  const p = e.payload as { entryId?: string; reason?: string };
  if (!p.entryId) throw new Error(`ChronologyEntryWithdrawn ${e.id} lacks entryId`);
  const key = { tenant: e.tenant, domain: e.source, entryId: p.entryId };
  const withdrawnAt = new Date(e.occurredAt);
  const tombstone = await tx.chronologyWithdrawal.findUnique({ where: { tenant_domain_entryId: key } });
  if (!tombstone || tombstone.withdrawnAt <= withdrawnAt) {
    const row = { withdrawnAt, reason: p.reason ?? "", eventId: e.id };
    await tx.chronologyWithdrawal.upsert({ where: { tenant_domain_entryId: key }, create: { ...key, ...row }, update: row });
  }
  // An entry recorded after this withdrawal (a newer event) stands.
  await tx.chronologyEntry.deleteMany({ where: { ...key, recordedAt: { lte: withdrawnAt } } });
};

export const chronologyHandlers: Record<string, EventHandler<Tx>> = {
  ChronologyEntryRecorded: onEntryRecorded,
  ChronologyEntryWithdrawn: onEntryWithdrawn,
};
