import { childKeyedLoader } from "@caregraph/platform";
import { fromUtc, toUtc } from "@caregraph/platform/calendar";
import { now, today } from "@caregraph/platform/clock";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import { randomUUID } from "node:crypto";
import type { Context } from "../context";
import { agreementStatus, AgreementPeriod, checkAgreement, checkRevocation } from "../domain/information-sharing";
import { informationSharingAgreementRecorded, informationSharingAgreementRevoked } from "../events/information-sharing";
import type { ChildResolvers, InformationSharingAgreementResolvers, MutationResolvers } from "../generated/graphql";
import type { Child as ChildRow, InformationSharingAgreement as Row, PrismaClient } from "../generated/prisma/client";
import { findChild, lockChild, UUID } from "../store";

/**
 * Information-sharing agreements with partner agencies (issue 11). Recording one tells every
 * domain's child directory (InformationSharingAgreementRecorded) that the partner may be shown the
 * child, in the partner's own domains, from the start date to the end date; revoking stops it at once.
 */
const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });
const period = (a: Row): AgreementPeriod => ({ startDate: fromUtc(a.startDate), endDate: fromUtc(a.endDate), revoked: a.revokedAt !== null });

export const Mutation: Pick<MutationResolvers, "recordInformationSharingAgreement" | "revokeInformationSharingAgreement"> = {
  async recordInformationSharingAgreement(_, { input }, ctx) {
    const child = await writableChild(ctx, input.childId);
    const { db, recorder } = ctx.deps;
    const created = await db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const partner = input.partner.trim();
      const others = await tx.informationSharingAgreement.findMany({ where: { tenant: child.tenant, childId: child.id, partner } });
      const a = checkAgreement(input, fromUtc(child.dateOfBirth), today(), others.map(period));
      const row = await tx.informationSharingAgreement.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          partner: a.partner,
          startDate: toUtc(a.startDate),
          endDate: toUtc(a.endDate),
          purpose: a.purpose,
          recordedBy: ctx.identity.userId,
          recordedAt: now(),
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "child.information_sharing_agreement_recorded",
        entity: "InformationSharingAgreement",
        entityId: row.id,
        childId: child.id,
        details: { partner: a.partner, startDate: a.startDate, endDate: a.endDate, purpose: a.purpose },
        events: informationSharingAgreementRecorded(child.id, { id: row.id, partner: a.partner, startDate: a.startDate, endDate: a.endDate }),
      });
      return row;
    });
    agreementsOf(ctx).clear(child.id);
    return created;
  },

  async revokeInformationSharingAgreement(_, { input }, ctx) {
    const found = UUID.test(input.id) ? await ctx.deps.db.informationSharingAgreement.findFirst({ where: { id: input.id, tenant: ctx.tenant } }) : null;
    if (!found) throw new NotFoundError("input.id", "information-sharing agreement");
    const child = await writableChild(ctx, found.childId, "input.id");
    const { db, recorder } = ctx.deps;
    const revoked = await db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      // Checked again under the lock: two revocations at once, one wins.
      const current = await tx.informationSharingAgreement.findUniqueOrThrow({ where: { id: found.id } });
      const reason = checkRevocation(period(current), input.reason, today());
      const at = now();
      const row = await tx.informationSharingAgreement.update({
        where: { id: current.id },
        data: { revokedAt: at, revokedBy: ctx.identity.userId, revokeReason: reason },
      });
      await recorder.change(tx, actor(ctx), {
        action: "child.information_sharing_agreement_revoked",
        entity: "InformationSharingAgreement",
        entityId: row.id,
        childId: child.id,
        details: { partner: row.partner, reason },
        events: informationSharingAgreementRevoked(child.id, row, at, today()),
      });
      return row;
    });
    agreementsOf(ctx).clear(child.id);
    return revoked;
  },
};

export const Child: Pick<ChildResolvers, "informationSharingAgreements"> = {
  informationSharingAgreements: (c, _, ctx) => agreementsOf(ctx).load(c.id),
};

export const InformationSharingAgreement: InformationSharingAgreementResolvers = {
  startDate: (a) => fromUtc(a.startDate),
  endDate: (a) => fromUtc(a.endDate),
  status: (a) => agreementStatus(period(a), today()),
};

/** A child of the caller's local authority whose record may be written to (not archived). */
export async function writableChild(ctx: Context, id: string, field = "input.childId"): Promise<ChildRow> {
  const child = await findChild(ctx.deps.db, ctx.tenant, id);
  if (!child) throw new NotFoundError(field, "child");
  if (child.archivedAt) invalidInput(field, "CHILD_ARCHIVED", "this child's record is archived; restore it before recording anything new");
  return child;
}

/** One query per request for every child's agreements, newest start first (kept per request context). */
const loaders = new WeakMap<object, ReturnType<typeof agreementLoader>>();
const agreementLoader = (db: PrismaClient, tenant: string) =>
  childKeyedLoader((childIds) =>
    db.informationSharingAgreement.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "desc" }, { recordedAt: "desc" }] }),
  );
function agreementsOf(ctx: Context) {
  const key = ctx.deps as object;
  let loader = loaders.get(key);
  if (!loader) loaders.set(key, (loader = agreementLoader(ctx.deps.db, ctx.tenant)));
  return loader;
}
