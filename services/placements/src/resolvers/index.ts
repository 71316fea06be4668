import { DateScalar, DateTimeScalar } from "@caregraph/platform/graphql";
import type { Resolvers } from "../generated/graphql";
import { Child } from "./Child";
import { MissingEpisode } from "./MissingEpisode";
import { Mutation } from "./Mutation";
import { Placement } from "./Placement";
import { ShortBreak } from "./ShortBreak";
import { Query } from "./Query";
import { FosterCarer, PlacementMatchConfirmation, Vacancy } from "./Vacancy";

export const resolvers: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Mutation, Child, Placement, MissingEpisode, ShortBreak, Query, Vacancy, FosterCarer, PlacementMatchConfirmation };
