import { returnHomeInterviewDue } from "../domain/missing-episodes";
import type { MissingEpisodeResolvers } from "../generated/graphql";

export const MissingEpisode: MissingEpisodeResolvers = {
  returnInterviewExplanation: (e) => (e.endedAt ? returnHomeInterviewDue(e.endedAt).explanation : null),
};
