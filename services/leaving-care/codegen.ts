import { subgraphCodegen } from "@caregraph/platform/codegen";

// Resolver types from schema.graphql; parents are the Prisma rows the resolvers receive.
export default subgraphCodegen({
  Child: "{ id: string }",
  LeavingCare: "./prisma/client#LeavingCareRecord",
  CareLeaverCircumstances: "./prisma/client#CareLeaverCircumstances",
  StayingArrangement: "./prisma/client#StayingArrangement",
});
