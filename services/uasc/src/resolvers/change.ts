import { KnownChild, NewEvent, normaliseId, NotFoundError } from "@caregraph/platform";
import { invalidInput } from "@caregraph/platform/graphql";
import { Context, directory } from "../context";
import type { Problem } from "../domain/problems";
import type { UascRecord } from "../generated/prisma/client";
import { caseOf, lockChild, Tx } from "../uasc";

/** A bad input stops the change: BAD_USER_INPUT naming the field and the rule (the transaction rolls back). */
export const check = (p: Problem): void => {
  if (p) invalidInput(...p);
};

export interface Changed<T> {
  result: T;
  action: string;
  entity: string;
  entityId: string;
  /** For the audit entry: dates, codes and counts — no Home Office reference, no names. */
  details: Record<string, unknown>;
  events: NewEvent[];
}

/**
 * One change to a child's UASC case. The child must be one the caller may be shown (otherwise
 * NOT_FOUND naming `field`); then, in one transaction under the per-child lock, the case record
 * exists, `run` checks the input against the record as it stands and writes (a refusal rolls
 * everything back: nothing is written, not even the case record), and the audit entry and the
 * events go into the same transaction (transactional outbox).
 */
export async function changeCase<T>(
  ctx: Context,
  childId: string,
  run: (tx: Tx, child: KnownChild, record: UascRecord) => Promise<Changed<T>>,
  field = "input.childId",
): Promise<T> {
  const { db, recorder } = ctx.deps;
  const child = await directory.require(db, ctx.identity, childId, field);
  return db.$transaction(async (tx) => {
    await lockChild(tx, child.id);
    const record = await caseOf(tx, child);
    const c = await run(tx, child, record);
    await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
      action: c.action,
      entity: c.entity,
      entityId: c.entityId,
      childId: child.id,
      details: c.details,
      events: c.events,
    });
    return c.result;
  });
}

/**
 * A change to one row that hangs off a child (an appeal, an assessment, a referral), found by its
 * id in the caller's local authority: an unknown or foreign id is NOT_FOUND naming `field`. `run`
 * gets the row as it stands inside the lock.
 */
export async function changeRow<Row extends { childId: string }, T>(
  ctx: Context,
  field: string,
  what: string,
  id: string,
  find: (tx: Tx, id: string) => Promise<Row | null>,
  run: (tx: Tx, row: Row, child: KnownChild) => Promise<Changed<T>>,
): Promise<T> {
  const rowId = normaliseId(id);
  const found = rowId ? await find(ctx.deps.db, rowId) : null;
  if (!rowId || !found) throw new NotFoundError(field, what);
  return changeCase(
    ctx,
    found.childId,
    async (tx, child) => {
      const row = await find(tx, rowId);
      if (!row) throw new NotFoundError(field, what);
      return run(tx, row, child);
    },
    field,
  );
}
