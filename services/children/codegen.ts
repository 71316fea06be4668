import { subgraphCodegen } from "@caregraph/platform/codegen";

// Resolver types from schema.graphql; parents are the Prisma rows the resolvers receive.
export default subgraphCodegen({
  Child: "./prisma/client#Child",
  LegalStatus: "./prisma/client#LegalStatus",
  Allocation: "./prisma/client#Allocation",
  ChronologyConnection: "../chronology/page#ChronologyPage",
  ChronologyEntry: "../chronology/page#EntryRow",
  DuplicateCandidate: "../duplicates#Candidate",
  InformationSharingAgreement: "./prisma/client#InformationSharingAgreement",
  Document: "../documents/rows#DocumentRow",
  DocumentVersion: "./prisma/client#DocumentVersion",
  MergedRecord: "./prisma/client#Child",
});
