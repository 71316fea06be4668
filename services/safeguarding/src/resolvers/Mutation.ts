import type { MutationResolvers } from "../generated/graphql";
import { concernsMutations } from "./Mutation.concerns";
import { conferencesMutations } from "./Mutation.conferences";
import { enquiriesMutations } from "./Mutation.enquiries";

export const Mutation: MutationResolvers = { ...concernsMutations, ...enquiriesMutations, ...conferencesMutations };
