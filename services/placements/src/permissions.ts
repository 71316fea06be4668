import { hasRole } from "@caregraph/platform";

const socialWorker = hasRole("SOCIAL_WORKER");

export const rules = {
  Mutation: { startPlacement: socialWorker, changePlacement: socialWorker, endPlacement: socialWorker },
  Child: socialWorker,
  Placement: socialWorker,
};
