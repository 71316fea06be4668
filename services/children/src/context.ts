import { BaseContext, childDirectory, normaliseId, scopeOf, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { Allocation, PrismaClient } from "./generated/prisma/client";
import { chronologyLoader } from "./chronology/page";
import { documentLoader } from "./documents/rows";
import { allocationLoader, childLoader, ChildRow, legalStatusLoader, LegalStatusRow } from "./store";

/**
 * The children domain's own copy of who may be shown which child (allocations, current home),
 * fed by its own WorkerAllocated events and the placements domain's, like every other subgraph's.
 */
export const directory = childDirectory("children");

export interface Context extends ServiceContext<PrismaClient> {
  /** Whether the caller may see archived records (social workers and team managers). */
  seesArchived: boolean;
  children: DataLoader<string, ChildRow | null>;
  legalStatuses: DataLoader<string, LegalStatusRow[]>;
  allocations: DataLoader<string, Allocation[]>;
  /** A child's chronology page, batched across the children a request asks about. */
  chronology: ReturnType<typeof chronologyLoader>;
  /** The documents on each child's file, with their versions. */
  documents: ReturnType<typeof documentLoader>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  const seesArchived = (ctx.identity?.roles ?? []).some((r) => r === "SOCIAL_WORKER" || r === "TEAM_MANAGER");
  return {
    ...ctx,
    seesArchived,
    children: scopedChildren(ctx, childLoader(deps.db, tenant, seesArchived)),
    legalStatuses: legalStatusLoader(deps.db, tenant),
    allocations: allocationLoader(deps.db, tenant),
    chronology: chronologyLoader(deps.db, tenant, ctx.identity, directory),
    documents: documentLoader(deps.db, tenant),
  };
}

/**
 * Ids normalised (lower-case UUIDs), and a child outside the caller's scope (IRO / personal
 * adviser: allocated to them; residential staff: placed in their home) is null, as an unknown
 * or another local authority's id is. Roles that see the whole tenant skip the directory (a
 * child registered a moment ago is shown at once).
 */
function scopedChildren(ctx: ServiceContext<PrismaClient>, rows: DataLoader<string, ChildRow | null>) {
  const all = scopeOf(ctx.identity, "children").all;
  const visible = directory.visibility(ctx.deps.db, ctx.identity);
  return new DataLoader<string, ChildRow | null>(async (ids) => {
    const normalised = ids.map((id) => normaliseId(id) ?? "");
    const [found, shown] = await Promise.all([rows.loadMany(normalised), all ? null : visible.loadMany(normalised)]);
    return found.map((row, i) => (row && !(row instanceof Error) && (all || shown?.[i] === true) ? row : null));
  });
}
