import { DateScalar } from "@caregraph/platform/graphql";
import { Child } from "./Child";
import { Mutation } from "./Mutation";
import { Placement } from "./Placement";

export const resolvers = { Date: DateScalar, Mutation, Child, Placement };
