import { BaseContext, childDirectory, childKeyedLoader, KnownChild, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type { MissingEpisode, Placement, PlacementChangeReason, PrismaClient, ShortBreak } from "./generated/prisma/client";

/**
 * A child's placements are one unbroken, non-overlapping history: on a merge the kept child's
 * history wins whole, and the duplicate's moves over only when the kept child has none (rows that
 * hang off a placement follow it).
 */
export const directory = childDirectory("placements", { merge: { whole: ["placement"] } });

/**
 * What Placement resolvers receive: the row, and on changePlacement's answer the reason given for
 * the move (the DfE return records it on the placement that ended, so the new row has none).
 */
export type PlacementParent = Placement & { reasonGivenForMove?: PlacementChangeReason | null };

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  /** The children domain's facts a rule needs (date of birth, looked after since). */
  knownChildren: DataLoader<string, KnownChild | null>;
  /** A child's placements, oldest first, voided ones left out. */
  placements: DataLoader<string, Placement[]>;
  /** A child's missing episodes, oldest first. */
  missingEpisodes: DataLoader<string, MissingEpisode[]>;
  /** A child's short breaks, oldest first. */
  shortBreaks: DataLoader<string, ShortBreak[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  return {
    ...ctx,
    childReferences: directory.references(deps.db, ctx.identity),
    knownChildren: directory.loader(deps.db, tenant),
    placements: childKeyedLoader((childIds) =>
      deps.db.placement.findMany({
        where: { tenant, childId: { in: childIds }, voidedAt: null },
        orderBy: [{ startDate: "asc" }, { createdAt: "asc" }],
      }),
    ),
    shortBreaks: childKeyedLoader((childIds) =>
      deps.db.shortBreak.findMany({ where: { tenant, childId: { in: childIds }, voidedAt: null }, orderBy: [{ startDate: "asc" }, { createdAt: "asc" }] }),
    ),
    missingEpisodes: childKeyedLoader((childIds) =>
      deps.db.missingEpisode.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startedAt: "asc" }, { createdAt: "asc" }] }),
    ),
  };
}
