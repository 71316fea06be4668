import { DateScalar } from "@caregraph/platform/graphql";
import { Child } from "./Child";
import { HealthAssessment } from "./HealthAssessment";
import { Mutation } from "./Mutation";

export const resolvers = { Date: DateScalar, Mutation, Child, HealthAssessment };
