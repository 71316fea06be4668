import { randomUUID } from "node:crypto";
import { fromUtc, toUtc } from "@caregraph/platform/calendar";
import type { Context } from "../context";
import { directory } from "../context";
import type { ChangeReason, PlacementType, Provider } from "../domain/codes";
import { checkEnd, checkMove, checkNewPlacement, normalisePostcode, Period } from "../domain/placement-rules";
import * as events from "../events/published";
import type { Placement, Prisma } from "../generated/prisma/client";

interface StartInput {
  childId: string;
  type: PlacementType;
  startDate: string;
  endDate?: string | null;
  provider?: Provider | null;
  postcode?: string | null;
}
interface ChangeInput {
  childId: string;
  type: PlacementType;
  date: string;
  reason?: ChangeReason | null;
  provider?: Provider | null;
  postcode?: string | null;
}

const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });
const period = (p: Placement): Period => ({ startDate: fromUtc(p.startDate), endDate: p.endDate ? fromUtc(p.endDate) : null });

/**
 * Reads a child's placements inside the transaction, holding a per-child lock, so two
 * concurrent requests cannot both pass the overlap check.
 */
async function lockedPlacements(tx: Prisma.TransactionClient, tenant: string, childId: string) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `placements:${childId}`);
  return tx.placement.findMany({ where: { tenant, childId }, orderBy: { startDate: "asc" } });
}

export const Mutation = {
  async startPlacement(_: unknown, { input }: { input: StartInput }, ctx: Context) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity.tenant, input.childId);
    const postcode = normalisePostcode(input.postcode);
    return db.$transaction(async (tx) => {
      const existing = await lockedPlacements(tx, child.tenant, child.id);
      checkNewPlacement(input, child.dateOfBirth, existing.map(period));
      const placement = await tx.placement.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          type: input.type,
          provider: input.provider ?? null,
          postcode,
          startDate: toUtc(input.startDate),
          endDate: input.endDate ? toUtc(input.endDate) : null,
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "placement.started",
        entity: "Placement",
        entityId: placement.id,
        childId: child.id,
        details: { type: placement.type, startDate: input.startDate },
        events: [events.placementStarted(placement, null), ...(placement.endDate ? [events.placementEnded(placement)] : [])],
      });
      return placement;
    });
  },

  /** CPPCR 2010 reg 9/11: a change of placement; the end and the start are one transaction. */
  async changePlacement(_: unknown, { input }: { input: ChangeInput }, ctx: Context) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity.tenant, input.childId);
    const postcode = normalisePostcode(input.postcode);
    return db.$transaction(async (tx) => {
      const existing = await lockedPlacements(tx, child.tenant, child.id);
      const current = existing.find((p) => p.endDate === null) ?? null;
      checkMove(current && period(current), input.date, { ...input, startDate: input.date }, input.reason ?? null, child.dateOfBirth);
      const ended = await tx.placement.update({
        where: { id: current!.id },
        data: { endDate: toUtc(input.date), reasonForChange: input.reason ?? null },
      });
      const started = await tx.placement.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          type: input.type,
          provider: input.provider ?? null,
          postcode,
          startDate: toUtc(input.date),
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "placement.changed",
        entity: "Placement",
        entityId: started.id,
        childId: child.id,
        details: { from: ended.id, type: started.type, date: input.date, reason: input.reason ?? null },
        events: [events.placementEnded(ended), events.placementStarted(started, ended.id)],
      });
      return started;
    });
  },

  async endPlacement(_: unknown, { input }: { input: { childId: string; endDate: string } }, ctx: Context) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity.tenant, input.childId);
    return db.$transaction(async (tx) => {
      const existing = await lockedPlacements(tx, child.tenant, child.id);
      const current = existing.find((p) => p.endDate === null) ?? null;
      checkEnd(current && period(current), input.endDate);
      const ended = await tx.placement.update({ where: { id: current!.id }, data: { endDate: toUtc(input.endDate) } });
      await recorder.change(tx, actor(ctx), {
        action: "placement.ended",
        entity: "Placement",
        entityId: ended.id,
        childId: child.id,
        details: { endDate: input.endDate },
        events: [events.placementEnded(ended)],
      });
      return ended;
    });
  },
};
