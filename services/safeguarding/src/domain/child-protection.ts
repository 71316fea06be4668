import { invalidInput } from "@caregraph/platform/graphql";
import {
  compareDates,
  DueDate,
  explain,
  formatDate,
  LocalDate,
  monthsAfterExplained,
  workingDaysAfterExplained,
} from "@caregraph/platform/calendar";

/**
 * The child-protection pathway's timescales. Pure rules: no I/O. "Within n working days of X" is
 * read as the n-th working day after X (the day after X is day 1), Saturdays, Sundays and England
 * and Wales bank holidays skipped — the platform calendar's convention.
 *
 * Sources (see the authority strings): Working Together to Safeguard Children 2023 as quoted by
 * local child-protection procedures; the primary WT 2023 text was not read when these were written.
 */

/** The statutory task names this domain publishes (the work tray's `kind`). */
export const TASK = {
  INITIAL_CONFERENCE: "InitialChildProtectionConference",
  FIRST_CORE_GROUP: "FirstCoreGroup",
  REVIEW_CONFERENCE: "ChildProtectionReviewConference",
  ESCALATION: "Escalation",
} as const;
export type TaskName = (typeof TASK)[keyof typeof TASK];

export const AUTHORITY = {
  INITIAL_CONFERENCE:
    "Working Together to Safeguard Children 2023: initial child protection conference within 15 working days of the strategy discussion (or the last of several) at which section 47 enquiries were initiated (as quoted by local procedures and DfE CIN census rule 8675Q; WT 2023 text not verified here)",
  FIRST_CORE_GROUP:
    "Working Together to Safeguard Children 2023 / local child protection procedures: first core group meeting within 10 working days of the initial child protection conference (local procedures; WT text not verified here)",
  FIRST_REVIEW_CONFERENCE:
    "Working Together to Safeguard Children 2023: first child protection review conference within 3 months of the initial conference (as quoted by local procedures; WT 2023 text not verified here)",
  LATER_REVIEW_CONFERENCE:
    "Working Together to Safeguard Children 2023: further child protection review conferences at intervals of not more than 6 months while the plan continues (as quoted by local procedures; WT 2023 text not verified here)",
  ESCALATION:
    "CareGraph escalation rule (local safeguarding procedures): a critical-risk concern, or an initial child protection conference past its Working Together 15-working-day timescale, goes to a team manager at once",
} as const;

export const LABEL: Record<TaskName, string> = {
  InitialChildProtectionConference: "Initial child protection conference",
  FirstCoreGroup: "First core group meeting",
  ChildProtectionReviewConference: "Child protection review conference",
  Escalation: "Escalation to a team manager",
};

/**
 * Initial child protection conference: within 15 working days of the strategy discussion at which
 * section 47 enquiries were initiated — the latest one if there were several (WT 2023, ch. 2;
 * CIN census rule 8675Q).
 */
export function initialConferenceDue(strategyDiscussionOn: LocalDate): DueDate {
  return workingDaysAfterExplained(strategyDiscussionOn, 15, "the strategy discussion");
}

/** The strategy discussion the ICPC clock runs from: the latest of those that initiated or continued the s47. */
export function latestDiscussion(dates: LocalDate[]): LocalDate {
  if (!dates.length) throw new RangeError("a section 47 enquiry starts from at least one strategy discussion");
  return [...dates].sort(compareDates)[dates.length - 1] as LocalDate;
}

/** First core group: within 10 working days of the initial conference (local procedures citing WT). */
export function firstCoreGroupDue(initialConferenceOn: LocalDate): DueDate {
  return workingDaysAfterExplained(initialConferenceOn, 10, "the initial child protection conference");
}

/** First review conference: within 3 months of the initial conference (WT 2023). */
export function firstReviewConferenceDue(initialConferenceOn: LocalDate): DueDate {
  return monthsAfterExplained(initialConferenceOn, 3, "the initial child protection conference");
}

/** Later review conferences: within 6 months of the previous review, while the plan continues (WT 2023). */
export function nextReviewConferenceDue(previousReviewOn: LocalDate): DueDate {
  return monthsAfterExplained(previousReviewOn, 6, "the previous review conference");
}

/**
 * The review schedule a plan follows if every conference is held on its due date: the first 3
 * months after the ICPC, then every 6 months. Used to check the chain over several years.
 */
export function reviewConferenceChain(initialConferenceOn: LocalDate, count: number): LocalDate[] {
  const dates: LocalDate[] = [];
  let due = firstReviewConferenceDue(initialConferenceOn).date;
  for (let i = 0; i < count; i++) {
    dates.push(due);
    due = nextReviewConferenceDue(due).date;
  }
  return dates;
}

/** The work-tray sentence for a task, from the rule that set it. */
export const explanation = (task: TaskName, due: DueDate): string => explain(LABEL[task], due);

/** An escalation for a concern assessed as CRITICAL: due the day it is recorded. */
export function criticalConcernEscalation(raisedOn: LocalDate, recordedOn: LocalDate): DueDate {
  return {
    date: recordedOn,
    workings: `a concern assessed as CRITICAL (raised on ${formatDate(raisedOn)}) goes to a team manager at once`,
  };
}

/** An escalation for an ICPC past its due date: due the day it is found overdue. */
export function overdueConferenceEscalation(conferenceDue: LocalDate, foundOn: LocalDate, conferenceExplanation: string): DueDate {
  return {
    date: foundOn,
    workings: `the initial child protection conference was due by ${formatDate(conferenceDue)} and had not been held (${conferenceExplanation})`,
  };
}

/** An ICPC is overdue from the day after its due date until it is held. */
export const isOverdue = (dueDate: LocalDate, today: LocalDate): boolean => compareDates(today, dueDate) > 0;

export type TaskStatus = "DUE" | "OVERDUE" | "COMPLETED" | "CANCELLED";

export function taskStatusOn(t: { dueDate: LocalDate; completedOn: LocalDate | null; cancelledOn: LocalDate | null }, today: LocalDate): TaskStatus {
  if (t.completedOn) return "COMPLETED";
  if (t.cancelledOn) return "CANCELLED";
  return isOverdue(t.dueDate, today) ? "OVERDUE" : "DUE";
}

/**
 * A recorded date must have happened (not after today) and fall within the child's life. Returns
 * the broken rule, or null.
 */
export function datePlausibility(date: LocalDate, dateOfBirth: LocalDate, today: LocalDate): "NOT_IN_FUTURE" | "NOT_BEFORE_BIRTH" | null {
  if (compareDates(date, today) > 0) return "NOT_IN_FUTURE";
  if (compareDates(date, dateOfBirth) < 0) return "NOT_BEFORE_BIRTH";
  return null;
}

/**
 * A review conference decides whether the plan continues (under a category) or ends. It must say
 * which: ending a child protection plan is too weighty to follow from a field left out.
 */
export function checkReviewDecision(planCategory: string | null | undefined, endPlan: boolean | null | undefined): void {
  if (planCategory && endPlan) invalidInput("input.endPlan", "PLAN_DECISION_CONFLICT", "give a plan category (the plan continues) or endPlan: true (it ends), not both");
  if (!planCategory && !endPlan) invalidInput("input.endPlan", "PLAN_DECISION_REQUIRED", "say what the review decided: planCategory if the plan continues, endPlan: true if it ends");
}

export const NO_SECTION_47 = "an initial conference follows a strategy discussion that started section 47 enquiries; none is recorded for this child";
export const NO_PLAN_TO_REVIEW = "a review conference reviews a child protection plan; the child has none in force";
export const NO_PLAN_FOR_CORE_GROUP = "a core group meets under a child protection plan; the child has none in force";

/**
 * An initial child protection conference follows the strategy discussion that started section 47
 * enquiries (Working Together 2023): one per enquiry, not before that discussion, not for an
 * enquiry that concluded another way, and no second plan while one is in force.
 */
export function checkInitialConference(c: {
  heldOn: LocalDate;
  enquiry: { startedOn: LocalDate; latestDiscussionOn: LocalDate; outcome: string | null; initialConference: { heldOn: LocalDate | null } | null };
  planCategory?: string | null;
  planInForceSince: LocalDate | null;
}): void {
  const e = c.enquiry;
  if (e.initialConference) {
    invalidInput(
      "input.kind",
      "INITIAL_CONFERENCE_ALREADY_HELD",
      `the initial conference for the section 47 enquiry started on ${formatDate(e.startedOn)} was held on ${e.initialConference.heldOn ? formatDate(e.initialConference.heldOn) : "an earlier date"}`,
    );
  }
  if (e.outcome && e.outcome !== "CONFERENCE") {
    invalidInput("input.kind", "SECTION_47_CONCLUDED_WITHOUT_CONFERENCE", `the section 47 enquiry concluded with ${e.outcome}; a new strategy discussion would start another`);
  }
  if (compareDates(c.heldOn, e.latestDiscussionOn) < 0) {
    invalidInput("input.heldOn", "CONFERENCE_BEFORE_STRATEGY_DISCUSSION", `the strategy discussion that started the section 47 enquiry was held on ${formatDate(e.latestDiscussionOn)}`);
  }
  if (c.planCategory && c.planInForceSince) {
    invalidInput("input.planCategory", "PLAN_ALREADY_ACTIVE", `a child protection plan has been in force since ${formatDate(c.planInForceSince)}; review it at a review conference`);
  }
}

/** A review conference reviews a plan in force, after the plan's previous conference, and says what it decided. */
export function checkReviewConference(c: { heldOn: LocalDate; previousConferenceOn: LocalDate; planCategory?: string | null; endPlan?: boolean | null }): void {
  checkReviewDecision(c.planCategory, c.endPlan);
  if (compareDates(c.heldOn, c.previousConferenceOn) <= 0) {
    invalidInput("input.heldOn", "REVIEW_BEFORE_PREVIOUS_CONFERENCE", `must be after the plan's previous conference on ${formatDate(c.previousConferenceOn)}`);
  }
}

/** A core group meets under a plan in force, not before the conference that started it. */
export function checkCoreGroup(heldOn: LocalDate, planStartedOn: LocalDate): void {
  if (compareDates(heldOn, planStartedOn) < 0) {
    invalidInput("input.heldOn", "CORE_GROUP_BEFORE_CONFERENCE", `the initial child protection conference that started the plan was held on ${formatDate(planStartedOn)}`);
  }
}
