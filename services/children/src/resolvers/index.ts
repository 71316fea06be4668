import { DateScalar, DateTimeScalar } from "@caregraph/platform/graphql";
import type { Resolvers } from "../generated/graphql";
import { Allocation, Child, ChronologyEntry, LegalStatus } from "./Child";
import { Mutation } from "./Mutation";
import { Query } from "./Query";
import * as sharing from "./InformationSharing";
import * as documents from "./Documents";
import * as merge from "./Merge";

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation: { ...Mutation, ...sharing.Mutation, ...documents.Mutation, ...merge.Mutation },
  Child: { ...Child, ...sharing.Child, ...documents.Child, ...merge.Child },
  MergedRecord: merge.MergedRecord,
  LegalStatus,
  Allocation,
  ChronologyEntry,
  InformationSharingAgreement: sharing.InformationSharingAgreement,
  Document: documents.Document,
  DocumentVersion: documents.DocumentVersion,
};
