import DataLoader from "dataloader";
import { fromUtc, LocalDate } from "./calendar";
import { today } from "./clock";
import { quoteIdent, RawSql } from "./db-types";
import { eraseChild } from "./retention";
import { mergeChild, MergeOptions, unmergeChild } from "./merge";
import { EventEnvelope } from "./events/envelope";
import type { EventHandler } from "./events/consumer";
import { invalidInput, NotFoundError } from "./graphql/errors";
import type { Identity } from "./auth/identity";
import { AccessDomain, ChildScope, scopeOf } from "./auth/matrix";

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
  /** The id asked about (a merged child's id answers as the child it was merged into). */
  asked: string;
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

/** Ids are compared as lower-case UUIDs (`E1…` and `e1…` are one child); anything else is no id. */
export function normaliseId(id: string): string | null {
  return UUID.test(id) ? id.toLowerCase() : null;
}

/**
 * How long a mutation waits for a child it does not know yet. Events are asynchronous, so a
 * child registered a moment ago may not have reached this service; the directory cannot tell a
 * child not yet arrived from one that does not exist (or belongs to another local authority, or
 * is outside the caller's scope) without leaking which, so every well-formed id it cannot show
 * waits the same short time, and a malformed id none. 1.5 s covers the usual event lag; a caller
 * that registers and writes in one breath retries on NOT_FOUND.
 */
export const UNKNOWN_CHILD_WAIT_MS = 1500;

interface ScopeRow {
  asked: string;
  id: string;
  tenant: string;
  registered: boolean;
  iro_id: string | null;
  personal_adviser_id: string | null;
  home_urn: string | null;
  /** An information-sharing agreement with the caller's partner agency is active today. */
  shared: boolean;
}

const inScope = (scope: ChildScope, r: ScopeRow): boolean =>
  r.registered &&
  (scope.all ||
    (scope.allocatedTo !== undefined && (r.iro_id === scope.allocatedTo || r.personal_adviser_id === scope.allocatedTo)) ||
    (scope.home !== undefined && r.home_urn === scope.home) ||
    (scope.partner !== undefined && r.shared));

/** A bare tenant is a system caller (event handlers); null is nobody (no verified token). */
type Caller = string | Identity | null;

export interface DirectoryOptions {
  /** How this domain's rows merge (merge.ts MergeOptions): e.g. a placement chain kept whole. */
  merge?: MergeOptions;
}

export function childDirectory(schema: string, options: DirectoryOptions = {}) {
  const table = `${quoteIdent(schema)}.known_child`;
  const shares = `${quoteIdent(schema)}.known_child_share`;
  /**
   * SQL: child `k` is shared with partner $p by an agreement active on $d (the platform clock's
   * today): started, not past its end date, not revoked.
   */
  const sharedWith = (p: string, d: string) =>
    `EXISTS (SELECT 1 FROM ${shares} s WHERE s.tenant = k.tenant AND s.child_id = k.id AND s.partner = ${p}
               AND s.start_date <= ${d}::date AND s.end_date >= ${d}::date AND s.revoked_at IS NULL)`;
  const domain = schema.replace(/_/g, "-") as AccessDomain;
  /**
   * SQL: each asked-about row \`q\` and the child it answers as, \`k\`: itself, or the child it was
   * merged into (merge.ts; merges never chain, so one step).
   */
  const asKept = `${table} q JOIN ${table} k ON k.id = COALESCE(q.merged_into, q.id) AND k.tenant = q.tenant`;
  const tenantOf = (who: Caller) => (typeof who === "string" ? who : (who?.tenant ?? ""));
  /** A bare tenant is a system caller (event handlers): every child of the tenant. */
  const scopeFor = (who: Caller, of: AccessDomain = domain): ChildScope => (typeof who === "string" ? { all: true, any: true } : scopeOf(who, of));

  /** Per request: one query for all the children a request asks about, in the caller's tenant only. */
  function loader(db: RawSql, tenant: string) {
    return new DataLoader<string, KnownChild | null>(async (ids) => {
      const valid = [...new Set(ids.map(normaliseId).filter((id): id is string => id !== null))];
      const rows = valid.length
        ? await db.$queryRawUnsafe<Row[]>(
            `SELECT q.id::text AS asked, k.id::text, k.tenant, k.date_of_birth, k.looked_after_since, k.archived_at IS NOT NULL AS archived FROM ${asKept}
              WHERE q.tenant = $1 AND k.date_of_birth IS NOT NULL AND q.id = ANY(string_to_array($2, ',')::uuid[])`,
            tenant,
            valid.join(","),
          )
        : [];
      const byId = new Map(rows.map((r) => [r.asked, toKnownChild(r)]));
      return ids.map((id) => byId.get(normaliseId(id) ?? "") ?? null);
    });
  }

  /**
   * Per request: whether each child may be shown to the caller — registered here, in the
   * caller's local authority, and inside the caller's scope for this domain (all of the tenant;
   * allocated to them; placed in their home). Everything else is simply "no". `of` asks with the
   * scope of another domain's readers (a read model showing that domain's records, e.g. the chronology).
   */
  function visibility(db: RawSql, who: Caller, of: AccessDomain = domain) {
    const as = shownAs(db, who, of);
    return new DataLoader<string, boolean>(async (ids) => (await as.loadMany(ids)).map((v) => typeof v === "string"));
  }

  /** Per request: the id each child answers as (a merged child's: the kept child's), if the caller may be shown it; else null. */
  function shownAs(db: RawSql, who: Caller, of: AccessDomain = domain) {
    const tenant = tenantOf(who);
    const scope = scopeFor(who, of);
    return new DataLoader<string, string | null>(async (ids) => {
      const valid = [...new Set(ids.map(normaliseId).filter((id): id is string => id !== null))];
      const rows =
        valid.length && scope.any
          ? await db.$queryRawUnsafe<ScopeRow[]>(
              `SELECT q.id::text AS asked, k.id::text, k.tenant, k.date_of_birth IS NOT NULL AS registered, k.iro_id, k.personal_adviser_id, k.home_urn,
                      ${scope.partner !== undefined ? sharedWith("$3", "$4") : "FALSE"} AS shared FROM ${asKept}
                WHERE q.tenant = $1 AND q.id = ANY(string_to_array($2, ',')::uuid[])`,
              tenant,
              valid.join(","),
              ...(scope.partner !== undefined ? [scope.partner, today()] : []),
            )
          : [];
      const shown = new Map(rows.filter((r) => inScope(scope, r)).map((r) => [r.asked, r.id]));
      return ids.map((id) => shown.get(normaliseId(id) ?? "") ?? null);
    });
  }

  /**
   * The ids of the tenant's children the caller may be shown, or null for "all of them" (for
   * list queries: the children subgraph's search filters by it).
   */
  async function scopedIds(db: RawSql, who: Identity | null): Promise<string[] | null> {
    const scope = scopeFor(who);
    if (scope.all) return null;
    if (!scope.any) return [];
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id::text FROM ${table} k WHERE tenant = $1 AND date_of_birth IS NOT NULL AND merged_into IS NULL
          AND ((($2::text IS NOT NULL) AND (iro_id = $2 OR personal_adviser_id = $2)) OR (($3::text IS NOT NULL) AND home_urn = $3)
               OR (($4::text IS NOT NULL) AND ${sharedWith("$4", "$5")}))`,
      tenantOf(who),
      scope.allocatedTo ?? null,
      scope.home ?? null,
      scope.partner ?? null,
      today(),
    );
    return rows.map((r) => r.id);
  }

  /**
   * For `__resolveReference`: a child resolves (to its normalised id) only when the caller may
   * be shown it. An unknown id, another local authority's child, a child outside the caller's
   * scope and a malformed id all resolve to null — the same answer, so `_entities` is no
   * existence oracle. (A child registered a moment ago, not yet arrived here, is null for that
   * moment too.) An archived child still resolves: the children subgraph decides who may see
   * archived records, and a list that shows one must not go null in the other subgraphs.
   */
  function references(db: RawSql, who: Identity | null, waitMs = UNKNOWN_CHILD_WAIT_MS) {
    return new DataLoader<string, { id: string } | null>(async (ids) => {
      // The gateway asks about children the children subgraph has just shown, and this copy may
      // not have heard of a child registered a moment ago (events are asynchronous): wait briefly
      // for it. Unknown, foreign and out-of-scope ids all wait the same and all end null, so
      // neither the answer nor its timing tells them apart.
      const deadline = Date.now() + waitMs;
      for (;;) {
        // A merged child's id resolves to the kept child's (merge.ts).
        const shown = await shownAs(db, who).loadMany(ids);
        const all = shown.every((v) => typeof v === "string");
        if (all || Date.now() >= deadline || !ids.some((id) => normaliseId(id))) {
          return shown.map((v) => (typeof v === "string" ? { id: v } : null));
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    });
  }

  /**
   * For a mutation: the child, if the caller may be shown it and it is not archived; otherwise
   * NOT_FOUND (the same for unknown, foreign and out-of-scope ids), after waiting
   * UNKNOWN_CHILD_WAIT_MS for a child that may just have been registered.
   */
  async function require(db: RawSql, who: Caller, childId: string, field = "input.childId", waitMs = UNKNOWN_CHILD_WAIT_MS): Promise<KnownChild> {
    const id = normaliseId(childId);
    if (!id) throw new NotFoundError(field, "child");
    const deadline = Date.now() + waitMs;
    for (;;) {
      const shown = await visibility(db, who).load(id);
      const found = shown ? await loader(db, tenantOf(who)).load(id) : null;
      if (found?.archived) invalidInput(field, "CHILD_ARCHIVED", "this child's record is archived; restore it before recording anything new");
      if (found) return found;
      if (Date.now() >= deadline) throw new NotFoundError(field, "child");
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const upsert: EventHandler<RawSql> = async (tx, e: EventEnvelope) => {
    const p = e.payload as { dateOfBirth: string; lookedAfterSince?: string | null };
    await tx.$executeRawUnsafe(
      `INSERT INTO ${table} (id, tenant, date_of_birth, looked_after_since) VALUES ($1::uuid, $2, $3::date, $4::date)
       ON CONFLICT (id) DO UPDATE SET date_of_birth = EXCLUDED.date_of_birth,
         looked_after_since = COALESCE(EXCLUDED.looked_after_since, ${table}.looked_after_since)
       WHERE ${table}.tenant = EXCLUDED.tenant`,
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

  // A merge or unmerge may move the legal status history, and with it the kept child's period of
  // care: the event says where it now starts (absent from events published before it did).
  const keptPeriodOfCare: EventHandler<RawSql> = async (tx, e) => {
    const p = e.payload as { keepId: string; keptLookedAfterSince?: string | null };
    if (p.keptLookedAfterSince === undefined) return;
    await tx.$executeRawUnsafe(`UPDATE ${table} SET looked_after_since = $3::date WHERE id = $1::uuid AND tenant = $2`, p.keepId, e.tenant, p.keptLookedAfterSince);
  };

  // Leaving care: no longer looked after until a later legal status brings the child back.
  const ceasedLookedAfter: EventHandler<RawSql> = async (tx, e) => {
    await tx.$executeRawUnsafe(`UPDATE ${table} SET looked_after_since = NULL WHERE id = $1::uuid AND tenant = $2`, e.childId, e.tenant);
  };

  /**
   * Scope facts arrive from other topics than ChildRegistered, possibly first: a row without a
   * date of birth is created for them ("not registered here yet"), never another tenant's row changed.
   */
  const setScope = async (tx: RawSql, e: EventEnvelope, assignments: string, values: unknown[], where = "TRUE") => {
    await tx.$executeRawUnsafe(`INSERT INTO ${table} (id, tenant) VALUES ($1::uuid, $2) ON CONFLICT (id) DO NOTHING`, e.childId, e.tenant);
    await tx.$executeRawUnsafe(
      `UPDATE ${table} AS k SET ${assignments} WHERE k.id = $1::uuid AND k.tenant = $2 AND (${where})`,
      e.childId,
      e.tenant,
      ...values,
    );
  };

  const ALLOCATION_COLUMN: Record<string, string> = { IRO: "iro_id", PERSONAL_ADVISER: "personal_adviser_id", ALLOCATED_SOCIAL_WORKER: "social_worker_id" };
  const workerAllocated: EventHandler<RawSql> = async (tx, e) => {
    const p = e.payload as { workerId: string; role: string };
    const column = ALLOCATION_COLUMN[p.role];
    if (column) await setScope(tx, e, `${column} = $3`, [p.workerId]);
  };
  // The child's one open placement is its current one; the home is the URN it records (none: not a home).
  const placementStarted: EventHandler<RawSql> = async (tx, e) => {
    const p = e.payload as { placementId: string; urn?: string | null; endDate?: string | null };
    await setScope(tx, e, "placement_id = $3::uuid, home_urn = $4", [p.placementId, p.urn ?? null]);
  };
  const placementClosed: EventHandler<RawSql> = async (tx, e) => {
    const p = e.payload as { placementId: string };
    await setScope(tx, e, "placement_id = NULL, home_urn = NULL", [p.placementId], "k.placement_id = $3::uuid");
  };
  // A correction: an amended placement still open is the current one (a voided move reopens the
  // previous placement with PlacementAmended); one now ended is current no more.
  const placementAmended: EventHandler<RawSql> = async (tx, e) => {
    const p = e.payload as { placementId: string; urn?: string | null; endDate?: string | null };
    if (p.endDate) await placementClosed(tx, e);
    else await placementStarted(tx, e);
  };

  /**
   * Information-sharing agreements (children domain): the partner agency, the dates, and whether
   * it was revoked; the agreement's purpose stays in the children domain.
   */
  const agreementRecorded: EventHandler<RawSql> = async (tx, e) => {
    const p = e.payload as { agreementId: string; partner: string; startDate: string; endDate: string };
    await tx.$executeRawUnsafe(
      `INSERT INTO ${shares} (agreement_id, tenant, child_id, partner, start_date, end_date) VALUES ($1::uuid, $2, $3::uuid, $4, $5::date, $6::date)
       ON CONFLICT (agreement_id) DO UPDATE SET partner = EXCLUDED.partner, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date
       WHERE ${shares}.tenant = EXCLUDED.tenant`,
      p.agreementId,
      e.tenant,
      e.childId,
      p.partner,
      p.startDate,
      p.endDate,
    );
  };
  const agreementRevoked: EventHandler<RawSql> = async (tx, e) => {
    const p = e.payload as { agreementId: string };
    // When it was revoked (the event's time), not when this copy heard of it.
    await tx.$executeRawUnsafe(
      `UPDATE ${shares} SET revoked_at = $3::timestamptz WHERE agreement_id = $1::uuid AND tenant = $2 AND revoked_at IS NULL`,
      p.agreementId,
      e.tenant,
      e.occurredAt,
    );
  };

  /** Handlers for the children and placements domains' events that keep the copy current. */
  const handlers: Record<string, EventHandler<RawSql>> = {
    WorkerAllocated: workerAllocated,
    PlacementStarted: placementStarted,
    PlacementEnded: placementClosed,
    PlacementAmended: placementAmended,
    PlacementVoided: placementClosed,
    ChildRegistered: upsert,
    ChildBecameLookedAfter: becameLookedAfter,
    ChildCeasedLookedAfter: ceasedLookedAfter,
    ChildArchived: setArchived(true),
    ChildRestored: setArchived(false),
    InformationSharingAgreementRecorded: agreementRecorded,
    InformationSharingAgreementRevoked: agreementRevoked,
    // Retention (retention.ts): every row this service holds about the child goes, the directory's copy too.
    ChildRecordErased: async (tx, e) => {
      await eraseChild(tx, schema, e.childId);
    },
    // Duplicates (merge.ts): the merged child's rows move to the kept child, and back on an unmerge.
    ChildrenMerged: async (tx, e) => {
      const p = e.payload as { keepId: string; mergeEventId: string };
      await mergeChild(tx, schema, { tenant: e.tenant, keepId: p.keepId, mergeId: e.childId, mergeEventId: p.mergeEventId }, options.merge);
      await keptPeriodOfCare(tx, e);
    },
    ChildrenUnmerged: async (tx, e) => {
      await unmergeChild(tx, schema, { tenant: e.tenant, mergeEventId: (e.payload as { mergeEventId: string }).mergeEventId });
      await keptPeriodOfCare(tx, e);
    },
  };

  return { loader, visibility, shownAs, scopedIds, references, require, handlers };
}

export type ChildDirectory = ReturnType<typeof childDirectory>;
