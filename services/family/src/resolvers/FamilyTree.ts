import { familyTree } from "../domain/family-tree";
import type { Context } from "../context";
import type { FamilyTreeNodeResolvers, FamilyTreeResolvers } from "../generated/graphql";

async function treeOf(childId: string, ctx: Context) {
  const [members, [la]] = await Promise.all([ctx.members.load(childId), ctx.localAuthority.load(childId)]);
  return familyTree(childId, members, la?.basis ? { tenant: la.tenant, basis: la.basis } : null);
}

export const FamilyTree: FamilyTreeResolvers = {
  nodes: async ({ childId }, _, ctx) => (await treeOf(childId, ctx)).nodes,
  edges: async ({ childId }, _, ctx) => (await treeOf(childId, ctx)).edges,
};

export const FamilyTreeNode: FamilyTreeNodeResolvers = {
  child: (n, _, ctx) => (n.childId ? ctx.childReferences.load(n.childId) : null),
};

