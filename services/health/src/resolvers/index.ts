import { DateScalar } from "@caregraph/platform/graphql";
import { Child } from "./Child";
import { HealthAssessment } from "./HealthAssessment";
import { Consent, DentalCheck, HealthSummary, Immunisation, OpticianCheck, Sdq } from "./HealthRecords";
import { CamhsReferral, HealthActionPlanAction, HealthRegistration, MedicalHistoryItem, SubstanceMisuse } from "./HealthHistory";
import { HistoryMutations } from "./HistoryMutations";
import { Mutation } from "./Mutation";
import { RecordMutations } from "./RecordMutations";
import { VoidMutations } from "./VoidMutations";
import type { Resolvers } from "../generated/graphql";

export const resolvers: Resolvers = {
  Date: DateScalar,
  Mutation: { ...Mutation, ...RecordMutations, ...HistoryMutations, ...VoidMutations },
  Child,
  HealthAssessment,
  HealthSummary,
  Immunisation,
  DentalCheck,
  OpticianCheck,
  Sdq,
  Consent,
  HealthRegistration,
  CamhsReferral,
  SubstanceMisuse,
  MedicalHistoryItem,
  HealthActionPlanAction,
};
