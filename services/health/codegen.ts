import { subgraphCodegen } from "@caregraph/platform/codegen";

// Resolver types from schema.graphql; parents are the Prisma rows the resolvers receive.
export default subgraphCodegen({
  Child: "{ id: string }",
  HealthAssessment: "./prisma/client#HealthAssessment",
  Immunisation: "./prisma/client#Immunisation",
  DentalCheck: "./prisma/client#DentalCheck",
  Sdq: "./prisma/client#Sdq",
  OpticianCheck: "./prisma/client#OpticianCheck",
  Consent: "./prisma/client#Consent",
  HealthSummary: "{ childId: string }",
  HealthRegistration: "./prisma/client#HealthRegistration",
  CamhsReferral: "./prisma/client#CamhsReferral",
  SubstanceMisuse: "./prisma/client#SubstanceMisuse",
  MedicalHistoryItem: "./prisma/client#MedicalHistoryItem",
  HealthActionPlanAction: "./prisma/client#HealthActionPlanAction",
});
