import { subgraphCodegen } from "@caregraph/platform/codegen";

// Resolver types from schema.graphql; parents are the Prisma rows the resolvers receive.
export default subgraphCodegen({
  Child: "{ id: string }",
  Placement: "../context#PlacementParent",
  MissingEpisode: "./prisma/client#MissingEpisode",
  ShortBreak: "./prisma/client#ShortBreak",
  Provider: "./prisma/client#Provider",
  FosterCarer: "./prisma/client#FosterCarer",
  Vacancy: "./prisma/client#Vacancy",
  PlacementMatch: "../resolvers/Query#MatchParent",
  PlacementMatchConfirmation: "./prisma/client#VacancyMatch",
  PlacementStabilityReport: "../domain/stability-report#StabilityReport",
});
