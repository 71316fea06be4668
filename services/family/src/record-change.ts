import { NewEvent, normaliseId, NotFoundError } from "@caregraph/platform";
import type { KnownChild } from "@caregraph/platform";
import { lockChild } from "./contact-reviews";
import { Context, directory } from "./context";
import type { Prisma } from "./generated/prisma/client";

export type Tx = Prisma.TransactionClient;

export interface Recorded<T> {
  result: T;
  entity: string;
  entityId: string;
  /** Codes and dates only: no names, venues or notes. */
  details: Record<string, unknown>;
  events: NewEvent[];
}

/**
 * One change to a child's family record: `run` checks the record as it stands inside the per-child
 * lock (so a double submit cannot pass twice) and writes; the audit entry and the events follow
 * in the same transaction. Bad input thrown by `run` writes nothing.
 */
export function recordChange<T>(ctx: Context, child: KnownChild, action: string, run: (tx: Tx) => Promise<Recorded<T>>): Promise<T> {
  return ctx.deps.db.$transaction(async (tx) => {
    await lockChild(tx, child.id);
    const r = await run(tx);
    await ctx.deps.recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
      action,
      entity: r.entity,
      entityId: r.entityId,
      childId: child.id,
      details: r.details,
      events: r.events,
    });
    return r.result;
  });
}

/**
 * A row of this domain named by id in a mutation, and its child — which the caller must be shown
 * (directory.require). An unknown id, another local authority's and a malformed one: NOT_FOUND.
 */
export async function rowAndChild<Row extends { childId: string }>(
  ctx: Context,
  rawId: string,
  field: string,
  what: string,
  find: (id: string) => Promise<Row | null>,
): Promise<{ row: Row; child: KnownChild }> {
  const id = normaliseId(rawId);
  const row = id ? await find(id) : null;
  if (!row) throw new NotFoundError(field, what);
  const child = await directory.require(ctx.deps.db, ctx.identity, row.childId, field);
  return { row, child };
}
