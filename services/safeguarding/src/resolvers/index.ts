import { DateScalar } from "@caregraph/platform/graphql";
import type { Resolvers } from "../generated/graphql";
import { Child } from "./Child";
import { ChildProtection } from "./ChildProtection";
import { Mutation } from "./Mutation";
import { ChildProtectionConference, ChildProtectionPlan, Concern, CoreGroup, SafeguardingTask, Section47Enquiry, StrategyDiscussion } from "./records";

export const resolvers: Resolvers = {
  Date: DateScalar,
  Mutation,
  Child,
  ChildProtection,
  Concern,
  StrategyDiscussion,
  Section47Enquiry,
  ChildProtectionConference,
  ChildProtectionPlan,
  CoreGroup,
  SafeguardingTask,
};
