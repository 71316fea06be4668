import { DateScalar, DateTimeScalar } from "@caregraph/platform/graphql";
import type { Resolvers } from "../generated/graphql";
import { Allocation, Child, ChronologyEntry, LegalStatus } from "./Child";
import { Mutation } from "./Mutation";
import { Query } from "./Query";

export const resolvers: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Query, Mutation, Child, LegalStatus, Allocation, ChronologyEntry };
