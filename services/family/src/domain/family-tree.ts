import { BASIS_WORDS, ParentalResponsibilityBasis } from "./parental-responsibility";
import { FamilyRelationship, relationshipRank } from "./relationships";

/**
 * The child's family as a graph ready to draw: the child in the middle, one node per family
 * member, and the local authority when it holds parental responsibility (it is a node, not a
 * family member: CA 1989 s.33(3)). Every edge runs from a member (or the authority) to the child
 * and says how they are related and whether they hold PR. Relationships between members (whose
 * partner is whose) are not recorded, so the tree is a star. Pure: no I/O.
 */
export type NodeKind = "CHILD" | "FAMILY_MEMBER" | "LINKED_CHILD" | "LOCAL_AUTHORITY";
export type EdgeRelationship = FamilyRelationship | "LOCAL_AUTHORITY";

export interface TreeNode {
  id: string;
  label: string;
  kind: NodeKind;
  relationship: FamilyRelationship | null;
  hasParentalResponsibility: boolean;
  parentalResponsibilityBasis: ParentalResponsibilityBasis | null;
  /** The Child this node stands for (the child, or a linked sibling), for the client to fetch. */
  childId: string | null;
}

export interface TreeEdge {
  from: string;
  to: string;
  relationship: EdgeRelationship;
  parentalResponsibility: boolean;
  parentalResponsibilityBasis: ParentalResponsibilityBasis | null;
}

export interface MemberFact {
  id: string;
  name: string;
  relationship: FamilyRelationship;
  hasParentalResponsibility: boolean;
  parentalResponsibilityBasis: ParentalResponsibilityBasis | null;
  linkedChildId: string | null;
}

export interface LocalAuthorityFact {
  tenant: string;
  basis: ParentalResponsibilityBasis;
}

/** The local authority's node id: one per local authority, never a UUID a member could have. */
export const localAuthorityNodeId = (tenant: string) => `local-authority:${tenant}`;

export function familyTree(childId: string, members: MemberFact[], la: LocalAuthorityFact | null): { nodes: TreeNode[]; edges: TreeEdge[] } {
  const nodes: TreeNode[] = [
    // The family domain holds no child's name (the children domain does): the client asks node.child.
    { id: childId, label: "This child", kind: "CHILD", relationship: null, hasParentalResponsibility: false, parentalResponsibilityBasis: null, childId },
  ];
  const edges: TreeEdge[] = [];
  if (la) {
    const id = localAuthorityNodeId(la.tenant);
    nodes.push({
      id,
      label: `Local authority ${la.tenant} (${BASIS_WORDS[la.basis]})`,
      kind: "LOCAL_AUTHORITY",
      relationship: null,
      hasParentalResponsibility: true,
      parentalResponsibilityBasis: la.basis,
      childId: null,
    });
    edges.push({ from: id, to: childId, relationship: "LOCAL_AUTHORITY", parentalResponsibility: true, parentalResponsibilityBasis: la.basis });
  }
  const ordered = [...members].sort((a, b) => relationshipRank(a.relationship) - relationshipRank(b.relationship) || a.name.localeCompare(b.name, "en-GB"));
  for (const m of ordered) {
    nodes.push({
      id: m.id,
      label: m.name,
      kind: m.linkedChildId ? "LINKED_CHILD" : "FAMILY_MEMBER",
      relationship: m.relationship,
      hasParentalResponsibility: m.hasParentalResponsibility,
      parentalResponsibilityBasis: m.parentalResponsibilityBasis,
      childId: m.linkedChildId,
    });
    edges.push({
      from: m.id,
      to: childId,
      relationship: m.relationship,
      parentalResponsibility: m.hasParentalResponsibility,
      parentalResponsibilityBasis: m.parentalResponsibilityBasis,
    });
  }
  return { nodes, edges };
}
