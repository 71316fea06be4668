import type { EventEnvelope, EventHandler } from "@caregraph/platform";
import { compareDates, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { lockChild } from "./contact-reviews";
import { localAuthorityBasis } from "./domain/parental-responsibility";
import type { Prisma } from "./generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * The local authority's PR follows the child's current legal status. A status starting on or after
 * the one held now replaces it; a back-dated one recorded later does not, unless `current` says it
 * is the current status (an amendment of the open status). C1 then C2 is one unbroken run of care
 * orders: `since` stays at the first.
 */
async function legalStatusFrom(tx: Tx, e: EventEnvelope, code: string | null | undefined, startDate: LocalDate | null | undefined, current = false) {
  if (!code || !startDate) return;
  const held = await tx.localAuthorityResponsibility.findUnique({ where: { childId: e.childId } });
  if (held && held.tenant !== e.tenant) return;
  if (!current && held?.legalSince && compareDates(startDate, fromUtc(held.legalSince)) < 0) return;
  const basis = localAuthorityBasis(code);
  const keepSince = basis && held?.basis === basis && held.since && compareDates(fromUtc(held.since), startDate) <= 0;
  const data = { legalStatus: code, legalSince: toUtc(startDate), basis, since: keepSince ? held.since : basis ? toUtc(startDate) : null };
  await tx.localAuthorityResponsibility.upsert({ where: { childId: e.childId }, create: { tenant: e.tenant, childId: e.childId, ...data }, update: data });
}

/**
 * This domain's copy of the child's legal status, from the children domain's events, for the local
 * authority's node in the family tree: ChildRegistered, ChildBecameLookedAfter (a corrected start
 * moves the status it began with), LegalStatusChanged, LegalStatusAmended of the current status.
 * LegalStatusVoided is not applied: LegalStatusChanged carries no legalStatusId, so this copy cannot
 * tell which status remains (the next change or amendment puts it right). Leaving care clears it
 * (consumed.ts).
 */
export const legalStatusHandlers: Record<string, EventHandler<Tx>> = {
  ChildRegistered: async (tx, e) => {
    const p = e.payload as { lookedAfterSince?: LocalDate | null; legalStatus?: string | null };
    await lockChild(tx, e.childId);
    await legalStatusFrom(tx, e, p.legalStatus, p.lookedAfterSince);
  },
  ChildBecameLookedAfter: async (tx, e) => {
    const p = e.payload as { date: LocalDate; legalStatus?: string | null; corrected?: boolean };
    await lockChild(tx, e.childId);
    if (!p.corrected) return legalStatusFrom(tx, e, p.legalStatus, p.date);
    // A corrected start date moves the status the period began with, if it is still the current one.
    const held = await tx.localAuthorityResponsibility.findUnique({ where: { childId: e.childId } });
    if (held?.tenant === e.tenant && held.legalStatus === p.legalStatus) {
      const data = { legalSince: toUtc(p.date), since: held.basis ? toUtc(p.date) : null };
      await tx.localAuthorityResponsibility.update({ where: { childId: e.childId }, data });
    }
  },
  LegalStatusChanged: async (tx, e) => {
    const p = e.payload as { code: string; startDate: LocalDate };
    await lockChild(tx, e.childId);
    await legalStatusFrom(tx, e, p.code, p.startDate);
  },
  LegalStatusAmended: async (tx, e) => {
    const p = e.payload as { code: string; startDate: LocalDate; endDate?: LocalDate | null };
    if (p.endDate) return; // an earlier status corrected: the current one stands
    await lockChild(tx, e.childId);
    await legalStatusFrom(tx, e, p.code, p.startDate, true);
  },
};
