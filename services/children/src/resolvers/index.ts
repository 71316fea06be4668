import { DateScalar, DateTimeScalar } from "@caregraph/platform/graphql";
import { Child, LegalStatus } from "./Child";
import { Mutation } from "./Mutation";
import { Query } from "./Query";

export const resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Query, Mutation, Child, LegalStatus };
