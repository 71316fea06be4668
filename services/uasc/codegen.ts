import { subgraphCodegen } from "@caregraph/platform/codegen";

// Resolver types from schema.graphql; parents are the Prisma rows the resolvers receive.
export default subgraphCodegen({
  Child: "{ id: string }",
  Uasc: "./prisma/client#UascRecord",
  ImmigrationStatusRecord: "./prisma/client#ImmigrationStatusRecord",
  AgeAssessment: "./prisma/client#AgeAssessment",
  Appeal: "./prisma/client#Appeal",
  NationalTransferScheme: "./prisma/client#UascRecord",
  FamilyTracingReferral: "./prisma/client#FamilyTracingReferral",
});
