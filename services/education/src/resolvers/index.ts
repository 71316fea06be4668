import { DateScalar } from "@caregraph/platform/graphql";
import { Child, Education } from "./Child";
import { Attendance, PersonalEducationPlan, SchoolEnrolment } from "./PersonalEducationPlan";
import { Mutation } from "./Mutation";
import type { Resolvers } from "../generated/graphql";

export const resolvers: Resolvers = { Date: DateScalar, Mutation, Child, Education, PersonalEducationPlan, Attendance, SchoolEnrolment };
