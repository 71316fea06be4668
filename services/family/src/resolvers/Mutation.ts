import type { MutationResolvers } from "../generated/graphql";
import { contactMutations } from "./mutations/contact";
import { lifeStoryMutations } from "./mutations/life-story";
import { memberMutations } from "./mutations/members";

export const Mutation: MutationResolvers = { ...memberMutations, ...contactMutations, ...lifeStoryMutations };
