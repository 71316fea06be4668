import DataLoader from "dataloader";
import { fromUtc, LocalDate } from "./calendar";
import { quoteIdent, RawSql } from "./db-types";
import { EventEnvelope } from "./events/envelope";
import type { EventHandler } from "./events/consumer";
import { invalidInput, NotFoundError } from "./graphql/errors";

/**
 * Every domain other than `children` keeps a small local copy of the children it may be asked
 * about (table `known_child`, fed by the children domain's events), because no service reads
 * another's tables. It answers "does this child exist in the caller's local authority?" and
 * gives the date of birth that age-dependent rules need.
 */
export interface KnownChild {
  id: string;
  tenant: string;
  dateOfBirth: LocalDate;
  lookedAfterSince: LocalDate | null;
  archived: boolean;
}

interface Row {
  id: string;
  tenant: string;
  date_of_birth: Date;
  looked_after_since: Date | null;
  archived: boolean;
}

const toKnownChild = (r: Row): KnownChild => ({
  id: r.id,
  tenant: r.tenant,
  dateOfBirth: fromUtc(r.date_of_birth),
  lookedAfterSince: r.looked_after_since ? fromUtc(r.looked_after_since) : null,
  archived: r.archived,
});

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function childDirectory(schema: string) {
  const table = `${quoteIdent(schema)}.known_child`;

  /** Per request: one query for all the children a request asks about, in the caller's tenant only. */
  function loader(db: RawSql, tenant: string) {
    return new DataLoader<string, KnownChild | null>(async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length
        ? await db.$queryRawUnsafe<Row[]>(
            `SELECT id::text, tenant, date_of_birth, looked_after_since, archived_at IS NOT NULL AS archived FROM ${table}
              WHERE tenant = $1 AND id = ANY(string_to_array($2, ',')::uuid[])`,
            tenant,
            valid.join(","),
          )
        : [];
      const byId = new Map(rows.map((r) => [r.id, toKnownChild(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /**
   * For `__resolveReference`: the gateway only asks about children the children subgraph has
   * already shown the caller, and that one may be newer than this copy (events are
   * asynchronous), so an unknown id resolves — with empty, tenant-scoped lists. A child known to
   * belong to another local authority resolves to null: absent. An archived child still
   * resolves: the children subgraph decides who may see archived records, and a list that shows
   * one must not go null in the other subgraphs.
   */
  function references(db: RawSql, tenant: string) {
    return new DataLoader<string, { id: string } | null>(async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length
        ? await db.$queryRawUnsafe<{ id: string; tenant: string }[]>(
            `SELECT id::text, tenant FROM ${table} WHERE id = ANY(string_to_array($1, ',')::uuid[])`,
            valid.join(","),
          )
        : [];
      const hidden = new Set(rows.filter((r) => r.tenant !== tenant).map((r) => r.id));
      return ids.map((id) => (UUID.test(id) && !hidden.has(id) ? { id } : null));
    });
  }

  /**
   * A child registered a moment ago may not have reached this service yet (events are
   * asynchronous); wait briefly before answering "no such child".
   */
  async function require(db: RawSql, tenant: string, childId: string, field = "input.childId", waitMs = 5000): Promise<KnownChild> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const found = UUID.test(childId) ? await loader(db, tenant).load(childId) : null;
      if (found?.archived) invalidInput(field, "CHILD_ARCHIVED", "this child's record is archived; restore it before recording anything new");
      if (found) return found;
      if (Date.now() >= deadline || !UUID.test(childId)) throw new NotFoundError(field, "child");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const upsert: EventHandler<RawSql> = async (tx, e: EventEnvelope) => {
    const p = e.payload as { dateOfBirth: string; lookedAfterSince?: string | null };
    await tx.$executeRawUnsafe(
      `INSERT INTO ${table} (id, tenant, date_of_birth, looked_after_since) VALUES ($1::uuid, $2, $3::date, $4::date)
       ON CONFLICT (id) DO UPDATE SET date_of_birth = EXCLUDED.date_of_birth,
         looked_after_since = COALESCE(EXCLUDED.looked_after_since, ${table}.looked_after_since)`,
      e.childId,
      e.tenant,
      p.dateOfBirth,
      p.lookedAfterSince ?? null,
    );
  };
  const setArchived = (archived: boolean): EventHandler<RawSql> => async (tx, e) => {
    await tx.$executeRawUnsafe(
      // When it happened (the event's time, on the platform clock), not when this copy heard of it.
      `UPDATE ${table} SET archived_at = ${archived ? "$3::timestamptz" : "NULL"} WHERE id = $1::uuid AND tenant = $2`,
      e.childId,
      e.tenant,
      ...(archived ? [e.occurredAt] : []),
    );
  };
  const becameLookedAfter: EventHandler<RawSql> = async (tx, e) => {
    await tx.$executeRawUnsafe(
      `UPDATE ${table} SET looked_after_since = $3::date WHERE id = $1::uuid AND tenant = $2`,
      e.childId,
      e.tenant,
      (e.payload as { date: string }).date,
    );
  };

  // Leaving care: no longer looked after until a later legal status brings the child back.
  const ceasedLookedAfter: EventHandler<RawSql> = async (tx, e) => {
    await tx.$executeRawUnsafe(`UPDATE ${table} SET looked_after_since = NULL WHERE id = $1::uuid AND tenant = $2`, e.childId, e.tenant);
  };

  /** Handlers for the children domain's events that keep the copy current. */
  const handlers: Record<string, EventHandler<RawSql>> = {
    ChildRegistered: upsert,
    ChildBecameLookedAfter: becameLookedAfter,
    ChildCeasedLookedAfter: ceasedLookedAfter,
    ChildArchived: setArchived(true),
    ChildRestored: setArchived(false),
  };

  return { loader, references, require, handlers };
}

export type ChildDirectory = ReturnType<typeof childDirectory>;
