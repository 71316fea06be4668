import { ChildDirectory, Domain, DOMAINS, Identity, RawSql } from "@caregraph/platform";
import { compareDates, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import DataLoader from "dataloader";
import { chronologyAccess, Readable } from "./access";

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 100; // as the work tray: a full page of every field stays inside the cost limit

/** Where a page ends: the last entry's place in the order (at, recordedAt, id), all descending. */
interface Position {
  sortAt: Date;
  recordedAt: Date;
  id: string;
}

export interface ChronologyQuery {
  domains: Domain[] | null;
  from: LocalDate | null;
  to: LocalDate | null;
  first: number;
  after: Position | null;
}

export interface EntryRow {
  id: string;
  childId: string;
  domain: string;
  kind: string;
  on: string;
  sortAt: Date;
  summary: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface ChronologyPage {
  edges: { cursor: string; node: EntryRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Opaque page positions (keyset, not offset: newer entries arriving do not shift later pages), base64url. */
export const encodeCursor = (r: Position) => Buffer.from(JSON.stringify([r.sortAt.toISOString(), r.recordedAt.toISOString(), r.id])).toString("base64url");

function decodeCursor(cursor: string): Position {
  try {
    const [sortAt, recordedAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string, string];
    const position = { sortAt: new Date(sortAt), recordedAt: new Date(recordedAt), id };
    if (Number.isNaN(position.sortAt.getTime()) || Number.isNaN(position.recordedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return position;
  } catch {
    return invalidInput("after", "CURSOR", "not a cursor this chronology gave out; pass a page's endCursor");
  }
}

/** The field's arguments checked: bad input names the argument and the rule. */
export function chronologyQuery(args: { filter?: { domains?: string[] | null; from?: LocalDate | null; to?: LocalDate | null } | null; first?: number | null; after?: string | null }): ChronologyQuery {
  const first = args.first ?? DEFAULT_PAGE;
  if (first < 1 || first > MAX_PAGE) invalidInput("first", "PAGE_SIZE", `first must be between 1 and ${MAX_PAGE}`);
  const f = args.filter ?? {};
  const unknown = (f.domains ?? []).filter((d) => !(DOMAINS as readonly string[]).includes(d));
  if (unknown.length) invalidInput("filter.domains", "KNOWN_DOMAIN", `no domain ${unknown.map((d) => JSON.stringify(d)).join(", ")}; the domains are ${DOMAINS.join(", ")}`);
  if (f.from && f.to && compareDates(f.from, f.to) > 0) invalidInput("filter.from", "FROM_NOT_AFTER_TO", `${f.from} is after filter.to (${f.to})`);
  return {
    domains: f.domains?.length ? [...new Set(f.domains as Domain[])] : null,
    from: f.from ?? null,
    to: f.to ?? null,
    first,
    after: args.after ? decodeCursor(args.after) : null,
  };
}

interface Row extends Omit<EntryRow, "id"> {
  id: string | null;
  total: number;
}

/**
 * One query for a page of every child asked about with the same arguments (a caseload's
 * chronologies at once): the filtered entries counted per child, then the page after the cursor
 * numbered per child, first + 1 kept (is there a next page).
 */
async function pages(db: RawSql, tenant: string, childIds: string[], can: Readable, q: ChronologyQuery): Promise<Map<string, Row[]>> {
  const domains = q.domains ? can.domains.filter((d) => q.domains!.includes(d)) : can.domains;
  const kinds = q.domains ? can.kinds.filter((k) => q.domains!.includes(k.split(" ")[0] as Domain)) : can.kinds;
  const byChild = new Map<string, Row[]>(childIds.map((id) => [id, []]));
  if (!domains.length && !kinds.length) return byChild;
  // Ids and names go in as comma-separated text (no commas in uuids, domains or kinds).
  const rows = await db.$queryRawUnsafe<Row[]>(
    `WITH filtered AS (
       SELECT e.* FROM chronology_entry e
        WHERE e.tenant = $1 AND e.child_id = ANY(string_to_array($2, ',')::uuid[])
          AND (e.domain = ANY(string_to_array($3, ',')) OR (e.domain || ' ' || e.kind) = ANY(string_to_array($4, ',')))
          AND ($5::date IS NULL OR e."on" >= $5::date) AND ($6::date IS NULL OR e."on" <= $6::date)
     ), totals AS (
       SELECT child_id, count(*)::int AS total FROM filtered GROUP BY child_id
     ), after AS (
       SELECT f.*, row_number() OVER (PARTITION BY f.child_id ORDER BY f.sort_at DESC, f.recorded_at DESC, f.id DESC) AS n FROM filtered f
        WHERE $7::timestamptz IS NULL OR (f.sort_at, f.recorded_at, f.id) < ($7::timestamptz, $8::timestamptz, $9::uuid)
     )
     SELECT a.id::text, t.child_id::text AS "childId", a.domain, a.kind, a."on"::text AS "on", a.sort_at AS "sortAt", a.summary,
            a.recorded_by AS "recordedBy", a.recorded_at AS "recordedAt", t.total
       FROM totals t LEFT JOIN after a ON a.child_id = t.child_id AND a.n <= $10
      ORDER BY t.child_id, a.n`,
    tenant,
    childIds.join(","),
    domains.join(","),
    kinds.join(","),
    q.from,
    q.to,
    q.after?.sortAt.toISOString() ?? null,
    q.after?.recordedAt.toISOString() ?? null,
    q.after?.id ?? null,
    q.first + 1,
  );
  // A child with entries but none after the cursor comes back as one row without an entry: its total.
  for (const r of rows) byChild.get(r.childId)?.push(r);
  return byChild;
}

const toPage = (rows: Row[], first: number): ChronologyPage => {
  const entries = rows.filter((r): r is Row & EntryRow => r.id !== null);
  const edges = entries.slice(0, first).map(({ total: _total, ...node }) => ({ cursor: encodeCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: entries.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: rows[0]?.total ?? 0 };
};

/**
 * Per request: a child's chronology page, batched across children asked for with the same
 * arguments — one query per page of a caseload (two when callers' scopes differ by domain).
 */
export function chronologyLoader(db: RawSql, tenant: string, identity: Identity | null, directory: ChildDirectory) {
  const readable = chronologyAccess(db, identity, directory);
  const loaders = new Map<string, DataLoader<string, ChronologyPage>>();
  return (childId: string, q: ChronologyQuery): Promise<ChronologyPage> => {
    const key = JSON.stringify(q);
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, ChronologyPage>(async (ids) => {
        const can = await Promise.all(ids.map(readable));
        // Children the caller may see the same domains of go in one query.
        const groups = new Map<string, { can: Readable; ids: string[] }>();
        ids.forEach((id, i) => {
          const g = JSON.stringify(can[i]);
          if (!groups.has(g)) groups.set(g, { can: can[i]!, ids: [] });
          groups.get(g)!.ids.push(id);
        });
        const found = new Map<string, Row[]>();
        for (const g of groups.values()) for (const [id, rows] of await pages(db, tenant, g.ids, g.can, q)) found.set(id, rows);
        return ids.map((id) => toPage(found.get(id) ?? [], q.first));
      });
      loaders.set(key, loader);
    }
    return loader.load(childId);
  };
}
