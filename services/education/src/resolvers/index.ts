import { DateScalar } from "@caregraph/platform/graphql";
import { Child, Education } from "./Child";
import { Attendance, Exclusion, PersonalEducationPlan, SchoolEnrolment, SpecialEducationalNeeds } from "./PersonalEducationPlan";
import { Mutation } from "./Mutation";
import type { Resolvers } from "../generated/graphql";

export const resolvers: Resolvers = { Date: DateScalar, Mutation, Child, Education, PersonalEducationPlan, Attendance, SchoolEnrolment, SpecialEducationalNeeds, Exclusion };
