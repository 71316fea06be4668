import { DateScalar, DateTimeScalar } from "@caregraph/platform/graphql";
import type { Resolvers } from "../generated/graphql";
import { CarePlan } from "./CarePlan";
import { Child } from "./Child";
import { LookedAfterReview } from "./LookedAfterReview";
import { Mutation } from "./Mutation";
import { Query } from "./Query";
import { StatutoryTask } from "./StatutoryTask";
import { StatutoryVisit } from "./StatutoryVisit";

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Child,
  LookedAfterReview,
  StatutoryVisit,
  CarePlan,
  StatutoryTask,
};
