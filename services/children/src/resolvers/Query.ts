import { invalidInput } from "@caregraph/platform/graphql";
import type { Context } from "../context";
import { searchChildren, ChildSearch } from "../search";

export const Query = {
  child: (_: unknown, { id }: { id: string }, ctx: Context) => ctx.children.load(id),

  children: (_: unknown, args: { search?: ChildSearch | null; first: number; after?: string | null }, ctx: Context) => {
    if (args.first < 1 || args.first > 100) invalidInput("first", "RANGE", "must be between 1 and 100");
    return searchChildren(ctx.deps.db, ctx.identity.tenant, args.search ?? {}, args.first, args.after ?? null);
  },
};
