import { DateScalar } from "@caregraph/platform/graphql";
import { CareLeaverCircumstances } from "./CareLeaverCircumstances";
import { Child } from "./Child";
import { LeavingCare } from "./LeavingCare";
import { Mutation } from "./Mutation";
import { StayingArrangement } from "./StayingArrangement";
import type { Resolvers } from "../generated/graphql";

export const resolvers: Resolvers = { Date: DateScalar, Mutation, Child, LeavingCare, CareLeaverCircumstances, StayingArrangement };
