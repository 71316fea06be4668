import { hasRole } from "@caregraph/platform";

const socialWorker = hasRole("SOCIAL_WORKER");
// Corrections (amend / void) are for the social worker or their team manager, who then reads the answer.
const corrector = hasRole("SOCIAL_WORKER", "TEAM_MANAGER");

export const rules = {
  Mutation: {
    startPlacement: socialWorker,
    changePlacement: socialWorker,
    endPlacement: socialWorker,
    amendPlacement: corrector,
    voidPlacement: corrector,
    startMissingEpisode: socialWorker,
    endMissingEpisode: socialWorker,
    recordReturnHomeInterview: socialWorker,
  },
  Child: socialWorker,
  Placement: corrector,
  MissingEpisode: socialWorker,
};
