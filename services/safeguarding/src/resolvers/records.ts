import { today } from "@caregraph/platform/clock";
import { fromUtc } from "@caregraph/platform/calendar";
import { taskStatusOn, TASK } from "../domain/child-protection";
import { riskExplanation, assessRisk } from "../domain/risk-matrix";
import { ENCRYPTED } from "../encrypted-fields";
import type {
  ChildProtectionConferenceResolvers,
  ChildProtectionPlanResolvers,
  ConcernResolvers,
  CoreGroupResolvers,
  SafeguardingTaskResolvers,
  Section47EnquiryResolvers,
  StrategyDiscussionResolvers,
} from "../generated/graphql";

const local = (d: Date | null) => (d ? fromUtc(d) : null);

export const Concern: ConcernResolvers = {
  summary: (c) => ENCRYPTED.concernSummary.open(c.id, c.summary),
  raisedOn: (c) => fromUtc(c.raisedOn),
  riskExplanation: (c) =>
    c.likelihood !== null && c.impact !== null
      ? riskExplanation(assessRisk(c.likelihood, c.impact))
      : `${c.riskLevel}: the practitioner's judgement (no likelihood and impact rated)`,
  escalation: async (c, _, ctx) => (await ctx.tasks.load(c.childId)).find((t) => t.task === TASK.ESCALATION && t.concernId === c.id) ?? null,
};

export const StrategyDiscussion: StrategyDiscussionResolvers = {
  heldOn: (d) => fromUtc(d.heldOn),
  section47Enquiry: async (d, _, ctx) =>
    d.section47EnquiryId ? ((await ctx.enquiries.load(d.childId)).find((e) => e.id === d.section47EnquiryId) ?? null) : null,
};

export const Section47Enquiry: Section47EnquiryResolvers = {
  startedOn: (e) => fromUtc(e.startedOn),
  latestDiscussionOn: (e) => fromUtc(e.latestDiscussionOn),
  completedOn: (e) => local(e.completedOn),
  initialConference: async (e, _, ctx) =>
    e.initialConferenceId ? ((await ctx.conferences.load(e.childId)).find((c) => c.id === e.initialConferenceId) ?? null) : null,
};

export const ChildProtectionConference: ChildProtectionConferenceResolvers = {
  heldOn: (c) => fromUtc(c.heldOn),
  plan: async (c, _, ctx) => (c.planId ? ((await ctx.plans.load(c.childId)).find((p) => p.id === c.planId) ?? null) : null),
};

export const ChildProtectionPlan: ChildProtectionPlanResolvers = {
  startDate: (p) => fromUtc(p.startDate),
  endDate: (p) => local(p.endDate),
};

export const CoreGroup: CoreGroupResolvers = {
  heldOn: (g) => fromUtc(g.heldOn),
  plan: async (g, _, ctx) => {
    const plan = (await ctx.plans.load(g.childId)).find((p) => p.id === g.planId);
    if (!plan) throw new Error(`core group ${g.id} refers to a plan that is not recorded`);
    return plan;
  },
};

export const SafeguardingTask: SafeguardingTaskResolvers = {
  acknowledgementNote: (t) => ENCRYPTED.acknowledgementNote.open(t.id, t.acknowledgementNote),
  dueDate: (t) => fromUtc(t.dueDate),
  completedOn: (t) => local(t.completedOn),
  cancelledOn: (t) => local(t.cancelledOn),
  status: (t) => taskStatusOn({ dueDate: fromUtc(t.dueDate), completedOn: local(t.completedOn), cancelledOn: local(t.cancelledOn) }, today()),
};
