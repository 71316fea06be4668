import { subgraphCodegen } from "@caregraph/platform/codegen";

// Resolver types from schema.graphql; parents are the Prisma rows the resolvers receive.
export default subgraphCodegen({
  Child: "{ id: string }",
  Education: "{ childId: string }",
  PersonalEducationPlan: "./prisma/client#PersonalEducationPlan",
  Attendance: "./prisma/client#Attendance",
  SchoolEnrolment: "./prisma/client#SchoolEnrolment",
  SpecialEducationalNeeds: "./prisma/client#SenRecord",
  Exclusion: "./prisma/client#Exclusion",
  PupilPremiumPlusAllocation: "./prisma/client#PupilPremiumPlusAllocation",
});
