import { GraphQLError } from "graphql";
import { invalidInput } from "@caregraph/platform/graphql";
import type { QueryResolvers } from "../generated/graphql";
import { directory } from "../context";
import { searchChildren } from "../search";

export const Query: QueryResolvers = {
  child: (_, { id }, ctx) => ctx.children.load(id),

  async children(_, { search, first, after }, ctx) {
    if (first < 1 || first > 100) invalidInput("first", "RANGE", "must be between 1 and 100");
    if (search?.includeArchived && !ctx.seesArchived) {
      throw new GraphQLError("Forbidden: archived records are shown to social workers and team managers only", { extensions: { code: "FORBIDDEN" } });
    }
    return searchChildren(ctx.deps.db, ctx.tenant, search ?? {}, first, after ?? null, await directory.scopedIds(ctx.deps.db, ctx.identity));
  },
};
