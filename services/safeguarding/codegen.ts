import { subgraphCodegen } from "@caregraph/platform/codegen";

// Resolver types from schema.graphql; parents are the Prisma rows the resolvers receive.
export default subgraphCodegen({
  Child: "{ id: string }",
  ChildProtection: "../views#ChildProtectionView",
  Concern: "./prisma/client#Concern",
  StrategyDiscussion: "./prisma/client#StrategyDiscussion",
  Section47Enquiry: "./prisma/client#Section47Enquiry",
  ChildProtectionConference: "./prisma/client#ChildProtectionConference",
  ChildProtectionPlan: "./prisma/client#ChildProtectionPlan",
  CoreGroup: "./prisma/client#CoreGroup",
  SafeguardingTask: "./prisma/client#SafeguardingTask",
});
