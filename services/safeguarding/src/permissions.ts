import { hasRole } from "@caregraph/platform";

// Social workers and team managers both read and write the child-protection record.
const practitioner = hasRole("SOCIAL_WORKER", "TEAM_MANAGER");
// Escalations are for team managers.
const teamManager = hasRole("TEAM_MANAGER");

export const rules = {
  Mutation: {
    raiseConcern: practitioner,
    recordStrategyDiscussion: practitioner,
    recordSection47Outcome: practitioner,
    recordChildProtectionConference: practitioner,
    recordCoreGroup: practitioner,
    acknowledgeEscalation: teamManager,
  },
  Child: practitioner,
  ChildProtection: practitioner,
  Concern: practitioner,
  StrategyDiscussion: practitioner,
  Section47Enquiry: practitioner,
  ChildProtectionConference: practitioner,
  ChildProtectionPlan: practitioner,
  CoreGroup: practitioner,
  SafeguardingTask: practitioner,
};
