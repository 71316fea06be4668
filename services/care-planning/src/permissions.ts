import { hasRole } from "@caregraph/platform";

// Everyone on the case reads; visits and care plans are the social work team's; reviews are
// recorded by the IRO who chairs them or the child's social worker.
const reader = hasRole("SOCIAL_WORKER", "TEAM_MANAGER", "IRO");
const socialWorkTeam = hasRole("SOCIAL_WORKER", "TEAM_MANAGER");
const reviewer = hasRole("IRO", "SOCIAL_WORKER");

export const rules = {
  Query: { workTray: reader, complianceSummary: reader },
  Mutation: { recordLookedAfterReview: reviewer, recordStatutoryVisit: socialWorkTeam, recordCarePlan: socialWorkTeam },
  Child: reader,
  LookedAfterReview: reader,
  StatutoryVisit: reader,
  CarePlan: reader,
  AgencyContribution: reader,
  StatutoryTaskConnection: reader,
  StatutoryTaskEdge: reader,
  PageInfo: reader,
  StatutoryTask: reader,
  ComplianceLine: reader,
};
