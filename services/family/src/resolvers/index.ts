import { DateScalar } from "@caregraph/platform/graphql";
import { Child } from "./Child";
import { ContactArrangement, ContactFrequency, Family, FamilyMember } from "./Family";
import { FamilyTree, FamilyTreeNode } from "./FamilyTree";
import { Mutation } from "./Mutation";
import { ContactSession, LifeStoryWorkItem, LocalAuthorityParentalResponsibility, ParentalResponsibilityRecord } from "./records";
import type { Resolvers } from "../generated/graphql";

export const resolvers: Resolvers = {
  Date: DateScalar,
  Mutation,
  Child,
  Family,
  FamilyMember,
  ParentalResponsibilityRecord,
  LocalAuthorityParentalResponsibility,
  ContactArrangement,
  ContactFrequency,
  ContactSession,
  LifeStoryWorkItem,
  FamilyTree,
  FamilyTreeNode,
};
