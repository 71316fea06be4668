import { hasRole } from "@caregraph/platform";

const socialWorker = hasRole("SOCIAL_WORKER");

export const rules = {
  Mutation: { recordHealthAssessment: socialWorker },
  Child: socialWorker,
  HealthAssessment: socialWorker,
};
