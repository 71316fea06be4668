import { GraphQLError } from "graphql";
import { readAuditTrail } from "@caregraph/platform";
import { invalidInput } from "@caregraph/platform/graphql";
import type { QueryResolvers } from "../generated/graphql";
import { directory } from "../context";
import { possibleDuplicates } from "../duplicates";
import { searchChildren } from "../search";
import { UUID } from "../store";

export const Query: QueryResolvers = {
  child: (_, { id }, ctx) => ctx.children.load(id),

  async children(_, { search, first, after }, ctx) {
    if (first < 1 || first > 100) invalidInput("first", "RANGE", "must be between 1 and 100");
    if (search?.includeArchived && !ctx.seesArchived) {
      throw new GraphQLError("Forbidden: archived records are shown to social workers and team managers only", { extensions: { code: "FORBIDDEN" } });
    }
    return searchChildren(ctx.deps.db, ctx.tenant, search ?? {}, first, after ?? null, await directory.scopedIds(ctx.deps.db, ctx.identity));
  },

  // Audited as a read of the child asked about and of every candidate (their childId).
  possibleDuplicates: (_, { childId }, ctx) => possibleDuplicates(ctx, childId),

  // Every subgraph's entries, collected here from the caregraph.audit topic (see
  // @caregraph/platform audit/trail.ts for why events rather than calls to each subgraph).
  // A merged record is the same child: the kept child's trail holds both records' entries.
  auditTrail: async (_, { childId, from, to }, ctx) => {
    if (from && to && from > to) invalidInput("to", "AFTER_FROM", "must not be before from");
    const db = ctx.deps.db;
    const asked = childId.toLowerCase();
    const kept = UUID.test(asked) ? ((await db.child.findFirst({ where: { id: asked, tenant: ctx.tenant }, select: { mergedInto: true } }))?.mergedInto ?? asked) : asked;
    const merged = UUID.test(kept) ? await db.child.findMany({ where: { tenant: ctx.tenant, mergedInto: kept }, select: { id: true } }) : [];
    return readAuditTrail(db, ctx.deps.schema, { tenant: ctx.tenant, childIds: [kept, ...merged.map((m) => m.id)], from, to });
  },
};
