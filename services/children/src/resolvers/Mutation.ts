import { chronologyChanges, chronologyEntryRecorded } from "@caregraph/platform";
import { now, today } from "@caregraph/platform/clock";
import { randomUUID } from "node:crypto";
import { fromUtc, todayInEngland, toUtc } from "@caregraph/platform/calendar";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import type { Context } from "../context";
import { checkAllocation } from "../domain/allocation";
import { PossibleDuplicateError } from "../domain/duplicates";
import { addStatus, amendStatus, ChainedStatus, currentPeriodStart, endCareOn, voidStatus } from "../domain/legal-status";
import { sameName, searchNameOf } from "../domain/names";
import { validateRegistration } from "../domain/registration";
import * as events from "../events/published";
import { allocationEntry, archivedEntry, legalStatusEntries, registeredEntry } from "../events/chronology";
import type { MutationResolvers } from "../generated/graphql";
import type { Child, Prisma, ReasonEpisodeCeased } from "../generated/prisma/client";
import { findChild, historyOf, lockChild, UUID } from "../store";

type Tx = Prisma.TransactionClient;
const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });

export const Mutation: MutationResolvers = {
  async registerChild(_, { input }, ctx) {
    const r = validateRegistration(input, today());
    const { db, recorder } = ctx.deps;
    return db.$transaction(async (tx) => {
      // Two registrations of one child at once must not both pass the duplicate check.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `children:register:${ctx.tenant}:${r.dateOfBirth}`);
      if (!r.confirmedNotDuplicate) {
        // A merged record is not a child of its own any more (its kept child is found, if alike).
        const sameBirthday = await tx.child.findMany({ where: { tenant: ctx.tenant, dateOfBirth: toUtc(r.dateOfBirth), mergedInto: null }, orderBy: { createdAt: "asc" } });
        const existing = sameBirthday.find((c) => sameName(c, r));
        if (existing) throw new PossibleDuplicateError(existing.id, existing.archivedAt !== null);
      }
      const child = await tx.child.create({
        data: {
          id: randomUUID(),
          tenant: ctx.tenant,
          firstName: r.firstName,
          lastName: r.lastName,
          searchName: searchNameOf(r.firstName, r.lastName),
          dateOfBirth: toUtc(r.dateOfBirth),
          sex: r.sex,
          ethnicity: r.ethnicity ?? null,
          upn: r.upn ?? null,
          nhsNumber: r.nhsNumber ?? null,
          lookedAfterSince: r.lookedAfterSince ? toUtc(r.lookedAfterSince) : null,
        },
      });
      if (r.legalStatus && r.lookedAfterSince) {
        await tx.legalStatus.create({
          data: { id: randomUUID(), tenant: child.tenant, childId: child.id, code: r.legalStatus, startDate: toUtc(r.lookedAfterSince) },
        });
      }
      const published = [events.childRegistered(child, r.legalStatus ?? null)];
      if (r.lookedAfterSince) published.push(events.childBecameLookedAfter(child.id, r.lookedAfterSince, r.legalStatus ?? null));
      published.push(chronologyEntryRecorded(child.id, registeredEntry(child.id, today())));
      published.push(...chronologyChanges(child.id, [], legalStatusEntries(await historyOf(tx, child.tenant, child.id)), "registered"));
      await recorder.change(tx, actor(ctx), {
        action: "child.registered",
        entity: "Child",
        entityId: child.id,
        childId: child.id,
        details: r.confirmedNotDuplicate ? { confirmedNotDuplicate: true } : {},
        events: published,
      });
      return child;
    });
  },

  async recordLegalStatus(_, { input }, ctx) {
    const child = await writableChild(ctx, input.childId, "input.childId");
    const { db, recorder } = ctx.deps;
    const updated = await db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const before = await historyOf(tx, child.tenant, child.id);
      const id = randomUUID();
      const plan = addStatus(before, { id, code: input.code, startDate: input.startDate }, fromUtc(child.dateOfBirth), today());
      await saveHistory(tx, child, before, plan.history);
      const published = [events.legalStatusChanged(child.id, input.code, input.startDate, plan.previous?.code ?? null)];
      // A new period of care (the first, or after endCare): the statutory clocks start again.
      if (plan.startsPeriodOfCare) published.push(events.childBecameLookedAfter(child.id, input.startDate, input.code));
      published.push(...statusChronology(child.id, before, plan.history));
      await recorder.change(tx, actor(ctx), {
        action: "child.legal_status_recorded",
        entity: "LegalStatus",
        entityId: id,
        childId: child.id,
        details: { code: input.code, startDate: input.startDate },
        events: published,
      });
      return setLookedAfterSince(tx, child, plan.history);
    });
    return fresh(ctx, updated);
  },

  async amendLegalStatus(_, { input }, ctx) {
    const reason = requiredReason(input.reason);
    const { child, status } = await writableStatus(ctx, input.id);
    const { db, recorder } = ctx.deps;
    const updated = await db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const before = await historyOf(tx, child.tenant, child.id);
      const after = amendStatus(before, status.id, { code: input.code, startDate: input.startDate }, fromUtc(child.dateOfBirth), today());
      await saveHistory(tx, child, before, after);
      const amended = after.find((s) => s.id === status.id)!;
      const old = before.find((s) => s.id === status.id)!;
      await recorder.change(tx, actor(ctx), {
        action: "child.legal_status_amended",
        entity: "LegalStatus",
        entityId: status.id,
        childId: child.id,
        details: { reason, before: { code: old.code, startDate: old.startDate }, after: { code: amended.code, startDate: amended.startDate } },
        events: [events.legalStatusAmended(child.id, amended), ...correctedStart(child.id, before, after), ...statusChronology(child.id, before, after)],
      });
      return setLookedAfterSince(tx, child, after);
    });
    return fresh(ctx, updated);
  },

  async voidLegalStatus(_, { input }, ctx) {
    const reason = requiredReason(input.reason);
    const { child, status } = await writableStatus(ctx, input.id);
    const { db, recorder } = ctx.deps;
    const updated = await db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const before = await historyOf(tx, child.tenant, child.id);
      const after = voidStatus(before, status.id);
      await tx.legalStatus.update({ where: { id: status.id }, data: { voidedAt: now(), voidReason: reason } });
      await saveHistory(tx, child, before, after);
      await recorder.change(tx, actor(ctx), {
        action: "child.legal_status_voided",
        entity: "LegalStatus",
        entityId: status.id,
        childId: child.id,
        details: { reason, code: status.code, startDate: fromUtc(status.startDate) },
        events: [events.legalStatusVoided(child.id, status.id), ...correctedStart(child.id, before, after), ...statusChronology(child.id, before, after)],
      });
      return setLookedAfterSince(tx, child, after);
    });
    return fresh(ctx, updated);
  },

  async endCare(_, { input }, ctx) {
    const child = await writableChild(ctx, input.childId, "input.childId");
    const { db, recorder } = ctx.deps;
    const updated = await db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const before = await historyOf(tx, child.tenant, child.id);
      const after = endCareOn(before, input.endDate, input.reason, fromUtc(child.dateOfBirth), today());
      await saveHistory(tx, child, before, after);
      await recorder.change(tx, actor(ctx), {
        action: "child.care_ended",
        entity: "Child",
        entityId: child.id,
        childId: child.id,
        details: { endDate: input.endDate, reason: input.reason },
        events: [events.childCeasedLookedAfter(child.id, input.endDate, input.reason), ...statusChronology(child.id, before, after)],
      });
      return setLookedAfterSince(tx, child, after);
    });
    return fresh(ctx, updated);
  },

  async allocateWorker(_, { input }, ctx) {
    const child = await writableChild(ctx, input.childId, "input.childId");
    const workerId = input.workerId.trim();
    if (!workerId) invalidInput("input.workerId", "REQUIRED", "cannot be blank");
    const { db, recorder } = ctx.deps;
    const allocation = await db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const current = await tx.allocation.findFirst({ where: { tenant: child.tenant, childId: child.id, role: input.role, to: null } });
      checkAllocation(current && { workerId: current.workerId, from: fromUtc(current.from) }, workerId, input.from, fromUtc(child.dateOfBirth), today());
      // One current allocation per role: the current one ends the day the new one starts.
      if (current) await tx.allocation.update({ where: { id: current.id }, data: { to: toUtc(input.from) } });
      const created = await tx.allocation.create({
        data: { id: randomUUID(), tenant: child.tenant, childId: child.id, workerId, role: input.role, from: toUtc(input.from) },
      });
      await recorder.change(tx, actor(ctx), {
        action: "child.worker_allocated",
        entity: "Allocation",
        entityId: created.id,
        childId: child.id,
        details: { workerId, role: input.role, from: input.from, previousAllocationId: current?.id ?? null },
        events: [
          events.workerAllocated(created, current?.workerId ?? null),
          chronologyEntryRecorded(child.id, allocationEntry({ id: created.id, role: created.role, from: input.from }, current !== null)),
        ],
      });
      return created;
    });
    ctx.allocations.clear(child.id);
    return allocation;
  },

  async archiveChild(_, { id }, ctx) {
    return setArchived(ctx, await anyChild(ctx, id), now());
  },

  async restoreChild(_, { id }, ctx) {
    return setArchived(ctx, await anyChild(ctx, id), null);
  },
};

/** A child of the caller's local authority, archived or not. */
async function anyChild(ctx: Context, id: string, field = "id"): Promise<Child> {
  // A merged record's id writes to the child it was merged into.
  const child = await findChild(ctx.deps.db, ctx.tenant, id);
  if (!child) throw new NotFoundError(field, "child");
  return child;
}

/** A child whose record may be written to: an archived one must be restored first. */
async function writableChild(ctx: Context, id: string, field: string): Promise<Child> {
  const child = await anyChild(ctx, id, field);
  if (child.archivedAt) invalidInput(field, "CHILD_ARCHIVED", "this child's record is archived; restore it before recording anything new");
  return child;
}

async function writableStatus(ctx: Context, id: string) {
  const status = UUID.test(id) ? await ctx.deps.db.legalStatus.findFirst({ where: { id, tenant: ctx.tenant, voidedAt: null } }) : null;
  if (!status) throw new NotFoundError("input.id", "legal status");
  return { status, child: await writableChild(ctx, status.childId, "input.id") };
}

function requiredReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) invalidInput("input.reason", "REQUIRED", "say why the record is corrected");
  if (trimmed.length > 1000) invalidInput("input.reason", "MAX_LENGTH", "at most 1000 characters");
  return trimmed;
}

/** Writes the re-chained history: new rows created, changed ones updated. */
async function saveHistory(tx: Tx, child: Child, before: ChainedStatus[], after: ChainedStatus[]): Promise<void> {
  const old = new Map(before.map((s) => [s.id, s]));
  for (const s of after) {
    const data = {
      code: s.code as LegalStatusCodeValue,
      startDate: toUtc(s.startDate),
      endDate: s.endDate ? toUtc(s.endDate) : null,
      ceasedReason: (s.ceased?.reason ?? null) as ReasonEpisodeCeased | null,
    };
    const was = old.get(s.id);
    if (!was) {
      await tx.legalStatus.create({ data: { id: s.id, tenant: child.tenant, childId: child.id, ...data } });
    } else if (was.code !== s.code || was.startDate !== s.startDate || was.endDate !== s.endDate || was.ceased?.reason !== s.ceased?.reason) {
      await tx.legalStatus.update({ where: { id: s.id }, data });
    }
  }
}
type LegalStatusCodeValue = Prisma.LegalStatusCreateInput["code"];

/** lookedAfterSince is the start of the current period of care (null when not looked after). */
async function setLookedAfterSince(tx: Tx, child: Child, history: ChainedStatus[]): Promise<Child> {
  const start = currentPeriodStart(history)?.startDate ?? null;
  // Read again under the child's lock: the row read before the transaction may be stale.
  const row = await tx.child.findUniqueOrThrow({ where: { id: child.id } });
  if ((row.lookedAfterSince ? fromUtc(row.lookedAfterSince) : null) === start) return row;
  return tx.child.update({ where: { id: child.id }, data: { lookedAfterSince: start ? toUtc(start) : null } });
}

/** The chronology follows the re-chained history: new and changed entries recorded, gone ones withdrawn. */
const statusChronology = (childId: string, before: ChainedStatus[], after: ChainedStatus[]) =>
  chronologyChanges(childId, legalStatusEntries(before), legalStatusEntries(after), "legal status history corrected");

/** A correction that moves the start of the current period of care restarts the clocks from the corrected date. */
function correctedStart(childId: string, before: ChainedStatus[], after: ChainedStatus[]) {
  const was = currentPeriodStart(before);
  const is = currentPeriodStart(after);
  return is && was?.startDate !== is.startDate ? [events.childBecameLookedAfter(childId, is.startDate, is.code, true)] : [];
}

/** The answer must show the write, not what this request's loaders read before it. */
function fresh(ctx: Context, child: Child): Child {
  ctx.legalStatuses.clear(child.id);
  ctx.children.clear(child.id);
  return child;
}

/** Archive or restore, checked against the record as it stands inside the per-child lock (two at once: one wins). */
async function setArchived(ctx: Context, found: Child, archivedAt: Date | null) {
  const { db, recorder } = ctx.deps;
  const id = found.id;
  ctx.children.clear(id);
  return db.$transaction(async (tx) => {
    await lockChild(tx, id);
    const current = await tx.child.findFirstOrThrow({ where: { id, tenant: found.tenant } });
    if (archivedAt && current.archivedAt) invalidInput("id", "ALREADY_ARCHIVED", `this child's record is already archived (since ${current.archivedAt.toISOString()})`);
    if (!archivedAt && !current.archivedAt) invalidInput("id", "NOT_ARCHIVED", "this child's record is not archived");
    const child = await tx.child.update({ where: { id }, data: { archivedAt } });
    const at = archivedAt ?? now();
    await recorder.change(tx, actor(ctx), {
      action: archivedAt ? "child.archived" : "child.restored",
      entity: "Child",
      entityId: id,
      childId: id,
      events: [archivedAt ? events.childArchived(id) : events.childRestored(id), chronologyEntryRecorded(id, archivedEntry(id, archivedAt !== null, at, todayInEngland(at)))],
    });
    return child;
  });
}
