import { subgraphCodegen } from "@caregraph/platform/codegen";

// Resolver types from schema.graphql; parents are the Prisma rows (or domain values) the resolvers receive.
export default subgraphCodegen({
  Child: "{ id: string }",
  Family: "{ childId: string }",
  FamilyMember: "./prisma/client#FamilyMember",
  ParentalResponsibilityRecord: "./prisma/client#ParentalResponsibilityRecord",
  LocalAuthorityParentalResponsibility: "./prisma/client#LocalAuthorityResponsibility",
  ContactArrangement: "./prisma/client#ContactArrangement",
  // A frequency is read off its arrangement's row (times, period).
  ContactFrequency: "./prisma/client#ContactArrangement",
  ContactSession: "./prisma/client#ContactSession",
  LifeStoryWorkItem: "./prisma/client#LifeStoryWorkItem",
  FamilyTree: "{ childId: string }",
  FamilyTreeNode: "../domain/family-tree#TreeNode",
  FamilyTreeEdge: "../domain/family-tree#TreeEdge",
});
