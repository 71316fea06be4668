import { today, now } from "@caregraph/platform/clock";
import { randomUUID } from "node:crypto";
import { fromUtc, toUtc } from "@caregraph/platform/calendar";
import { NotFoundError } from "@caregraph/platform/graphql";
import type { Context } from "../context";
import { checkNewLegalStatus } from "../domain/legal-status";
import { checkLookedAfterDate, Registration, validateRegistration } from "../domain/registration";
import * as events from "../events/published";
import type { LegalStatusCode } from "../generated/prisma/client";
import { UUID } from "../store";

const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });

export const Mutation = {
  async registerChild(_: unknown, { input }: { input: Registration }, ctx: Context) {
    const r = validateRegistration(input, today());
    const { db, recorder } = ctx.deps;
    return db.$transaction(async (tx) => {
      const child = await tx.child.create({
        data: {
          id: randomUUID(),
          tenant: ctx.identity.tenant,
          firstName: r.firstName,
          lastName: r.lastName,
          dateOfBirth: toUtc(r.dateOfBirth),
          sex: r.sex,
          ethnicity: r.ethnicity ?? null,
          upn: r.upn ?? null,
          lookedAfterSince: r.lookedAfterSince ? toUtc(r.lookedAfterSince) : null,
        },
      });
      if (r.legalStatus && r.lookedAfterSince) {
        await tx.legalStatus.create({
          data: { id: randomUUID(), tenant: child.tenant, childId: child.id, code: r.legalStatus as LegalStatusCode, startDate: toUtc(r.lookedAfterSince) },
        });
      }
      const published = [events.childRegistered(child, r.legalStatus ?? null)];
      if (r.lookedAfterSince) published.push(events.childBecameLookedAfter(child.id, r.lookedAfterSince, r.legalStatus ?? null));
      await recorder.change(tx, actor(ctx), {
        action: "child.registered",
        entity: "Child",
        entityId: child.id,
        childId: child.id,
        events: published,
      });
      return child;
    });
  },

  async recordLegalStatus(_: unknown, { input }: { input: { childId: string; code: LegalStatusCode; startDate: string } }, ctx: Context) {
    const child = await ctx.children.load(input.childId);
    if (!child) throw new NotFoundError("input.childId", "child");
    const todayDate = today();
    const history = (await ctx.legalStatuses.load(child.id)).map((s) => ({
      code: s.code,
      startDate: fromUtc(s.startDate),
      endDate: s.endDate ? fromUtc(s.endDate) : null,
    }));
    checkNewLegalStatus(history, input.code, input.startDate);
    const becomesLookedAfter = !child.lookedAfterSince;
    if (becomesLookedAfter) checkLookedAfterDate("input.startDate", fromUtc(child.dateOfBirth), input.startDate, todayDate);
    const current = history.find((s) => s.endDate === null) ?? null;
    const { db, recorder } = ctx.deps;
    // The history read above is cached for this request; the answer must show the new one.
    ctx.legalStatuses.clear(child.id);
    ctx.children.clear(child.id);
    return db.$transaction(async (tx) => {
      const start = toUtc(input.startDate);
      await tx.legalStatus.updateMany({ where: { childId: child.id, endDate: null }, data: { endDate: start } });
      await tx.legalStatus.create({ data: { id: randomUUID(), tenant: child.tenant, childId: child.id, code: input.code, startDate: start } });
      const updated = becomesLookedAfter
        ? await tx.child.update({ where: { id: child.id }, data: { lookedAfterSince: start } })
        : child;
      const published = [events.legalStatusChanged(child.id, input.code, input.startDate, current?.code ?? null)];
      if (becomesLookedAfter) published.push(events.childBecameLookedAfter(child.id, input.startDate, input.code));
      await recorder.change(tx, actor(ctx), {
        action: "child.legal_status_recorded",
        entity: "Child",
        entityId: child.id,
        childId: child.id,
        details: { code: input.code, startDate: input.startDate },
        events: published,
      });
      return updated;
    });
  },

  async archiveChild(_: unknown, { id }: { id: string }, ctx: Context) {
    const child = await ctx.children.load(id);
    if (!child) throw new NotFoundError("id", "child");
    return setArchived(ctx, id, now());
  },

  async restoreChild(_: unknown, { id }: { id: string }, ctx: Context) {
    const archived = UUID.test(id) && await ctx.deps.db.child.findFirst({ where: { id, tenant: ctx.identity.tenant, archivedAt: { not: null } } });
    if (!archived) throw new NotFoundError("id", "archived child");
    return setArchived(ctx, id, null);
  },
};

async function setArchived(ctx: Context, id: string, archivedAt: Date | null) {
  const { db, recorder } = ctx.deps;
  ctx.children.clear(id);
  return db.$transaction(async (tx) => {
    const child = await tx.child.update({ where: { id }, data: { archivedAt } });
    await recorder.change(tx, actor(ctx), {
      action: archivedAt ? "child.archived" : "child.restored",
      entity: "Child",
      entityId: id,
      childId: id,
      events: [archivedAt ? events.childArchived(id) : events.childRestored(id)],
    });
    return child;
  });
}
