import { hasRole } from "@caregraph/platform";

const socialWorker = hasRole("SOCIAL_WORKER");
// Corrections are made by the worker or their team manager, who must then see what they changed.
const socialWorkerOrManager = hasRole("SOCIAL_WORKER", "TEAM_MANAGER");

export const rules = {
  Mutation: {
    recordHealthAssessment: socialWorker,
    amendHealthAssessment: socialWorkerOrManager,
    voidHealthAssessment: socialWorkerOrManager,
  },
  Child: socialWorkerOrManager,
  HealthAssessment: socialWorkerOrManager,
};
