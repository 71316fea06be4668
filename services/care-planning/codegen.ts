import { subgraphCodegen } from "@caregraph/platform/codegen";

// Resolver types from schema.graphql; parents are the Prisma rows the resolvers receive.
export default subgraphCodegen({
  Child: "{ id: string }",
  LookedAfterReview: "./prisma/client#LookedAfterReview",
  StatutoryVisit: "./prisma/client#StatutoryVisit",
  CarePlan: "./prisma/client#CarePlanVersion",
  StatutoryTask: "./prisma/client#TrayTask",
});
