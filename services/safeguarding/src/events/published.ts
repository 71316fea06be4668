/**
 * What the safeguarding domain publishes on caregraph.safeguarding.events (keyed by child id;
 * payloads carry dates and codes, never names):
 *
 * - ConcernRaised {concernId, category, riskLevel, raisedOn}
 * - StrategyDiscussionHeld {strategyDiscussionId, heldOn, outcome, agencies, section47EnquiryId}
 * - Section47EnquiryConcluded {section47EnquiryId, startedOn, completedOn, outcome}
 * - ChildProtectionConferenceHeld {conferenceId, kind, heldOn, planCategory}
 * - ChildProtectionPlanStarted {planId, category, startDate}
 * - ChildProtectionPlanEnded {planId, endDate}
 * - CoreGroupHeld {coreGroupId, planId, heldOn}
 * - StatutoryTaskScheduled | StatutoryTaskCompleted | StatutoryTaskCancelled (platform shape) for
 *   InitialChildProtectionConference, FirstCoreGroup, ChildProtectionReviewConference and
 *   Escalation (assignedRole "TEAM_MANAGER").
 *
 * All are written to the outbox in the transaction of the change (see src/resolvers/Mutation.ts,
 * src/escalation.ts) and relayed by the platform.
 */
export const PUBLISHED = [
  "ConcernRaised",
  "StrategyDiscussionHeld",
  "Section47EnquiryConcluded",
  "ChildProtectionConferenceHeld",
  "ChildProtectionPlanStarted",
  "ChildProtectionPlanEnded",
  "CoreGroupHeld",
  "StatutoryTaskScheduled",
  "StatutoryTaskCompleted",
  "StatutoryTaskCancelled",
] as const;
