import { DateScalar } from "@caregraph/platform/graphql";
import type { Resolvers } from "../generated/graphql";
import { AgeAssessment } from "./AgeAssessment";
import { Appeal } from "./Appeal";
import { Child } from "./Child";
import { FamilyTracingReferral } from "./FamilyTracingReferral";
import { ImmigrationStatusRecord } from "./ImmigrationStatusRecord";
import { Mutation } from "./Mutation";
import { NationalTransferScheme } from "./NationalTransferScheme";
import { Uasc } from "./Uasc";

export const resolvers: Resolvers = { Date: DateScalar, Mutation, Child, Uasc, ImmigrationStatusRecord, AgeAssessment, Appeal, NationalTransferScheme, FamilyTracingReferral };
