import type { EventEnvelope } from "@caregraph/platform";
import { LocalDate, toUtc } from "@caregraph/platform/calendar";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Who holds parental responsibility, learnt from the family domain's events, so a parent's consent
 * can be checked against it. The newest change wins (the consumer applies a child's events in order).
 */
export async function onFamilyMemberAdded(tx: Tx, e: EventEnvelope): Promise<void> {
  const p = e.payload as { familyMemberId: string; relationship: string; hasParentalResponsibility: boolean };
  const data = { tenant: e.tenant, childId: e.childId, relationship: p.relationship, holdsPr: p.hasParentalResponsibility, effectiveOn: null };
  await tx.parentalResponsibilityHolder.upsert({ where: { familyMemberId: p.familyMemberId }, create: { familyMemberId: p.familyMemberId, ...data }, update: data });
}

export async function onParentalResponsibilityChanged(tx: Tx, e: EventEnvelope): Promise<void> {
  const p = e.payload as { familyMemberId: string; relationship: string; hasParentalResponsibility: boolean; effectiveOn: LocalDate };
  const data = { tenant: e.tenant, childId: e.childId, relationship: p.relationship, holdsPr: p.hasParentalResponsibility, effectiveOn: toUtc(p.effectiveOn) };
  await tx.parentalResponsibilityHolder.upsert({ where: { familyMemberId: p.familyMemberId }, create: { familyMemberId: p.familyMemberId, ...data }, update: data });
}
