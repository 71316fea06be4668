import { randomUUID } from "node:crypto";
import { NewEvent } from "@caregraph/platform";
import { compareDates, formatDate, fromUtc, toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { AUTHORITY, checkReviewDecision, firstCoreGroupDue, firstReviewConferenceDue, nextReviewConferenceDue, TASK } from "../domain/child-protection";
import type { MutationResolvers } from "../generated/graphql";
import { scheduleTask } from "../tasks";
import { activePlan, actor, cancelWithEscalations, childAndDate, completeWithEscalations, lockChild } from "../pathway";

/** Child protection conferences, plans and core groups. */
export const conferencesMutations: MutationResolvers = {
  async recordChildProtectionConference(_, { input }, ctx) {
    const child = await childAndDate(ctx, input.childId, "input.heldOn", input.heldOn);
    const at = { tenant: child.tenant, childId: child.id };
    const heldOn = input.heldOn;
    return ctx.deps.db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const events: NewEvent[] = [];
      const plan = await activePlan(tx, at);
      // Every order rule is checked before anything is written.
      if (input.kind === "INITIAL") {
        const enquiry = await tx.section47Enquiry.findFirst({ where: at, orderBy: { startedOn: "desc" } });
        if (!enquiry) {
          invalidInput("input.kind", "NO_SECTION_47", "an initial conference follows a strategy discussion that started section 47 enquiries; none is recorded for this child");
        }
        if (enquiry.initialConferenceId) {
          const held = await tx.childProtectionConference.findUnique({ where: { id: enquiry.initialConferenceId } });
          invalidInput(
            "input.kind",
            "INITIAL_CONFERENCE_ALREADY_HELD",
            `the initial conference for the section 47 enquiry started on ${formatDate(fromUtc(enquiry.startedOn))} was held on ${held ? formatDate(fromUtc(held.heldOn)) : "an earlier date"}`,
          );
        }
        if (enquiry.outcome && enquiry.outcome !== "CONFERENCE") {
          invalidInput("input.kind", "SECTION_47_CONCLUDED_WITHOUT_CONFERENCE", `the section 47 enquiry concluded with ${enquiry.outcome}; a new strategy discussion would start another`);
        }
        const discussedOn = fromUtc(enquiry.latestDiscussionOn);
        if (compareDates(heldOn, discussedOn) < 0) {
          invalidInput("input.heldOn", "CONFERENCE_BEFORE_STRATEGY_DISCUSSION", `the strategy discussion that started the section 47 enquiry was held on ${formatDate(discussedOn)}`);
        }
        if (input.planCategory && plan) {
          invalidInput("input.planCategory", "PLAN_ALREADY_ACTIVE", `a child protection plan has been in force since ${formatDate(fromUtc(plan.startDate))}; review it at a review conference`);
        }
        const conference = await tx.childProtectionConference.create({
          data: { id: randomUUID(), ...at, kind: "INITIAL", heldOn: toUtc(heldOn), planCategory: input.planCategory ?? null, section47EnquiryId: enquiry.id },
        });
        await tx.section47Enquiry.update({ where: { id: enquiry.id }, data: { initialConferenceId: conference.id } });
        events.push(...(await completeWithEscalations(tx, at, { task: TASK.INITIAL_CONFERENCE, section47EnquiryId: enquiry.id }, heldOn)));
        let result = conference;
        if (input.planCategory) {
          const started = await tx.childProtectionPlan.create({
            data: { id: randomUUID(), ...at, category: input.planCategory, startDate: toUtc(heldOn), initialConferenceId: conference.id },
          });
          result = await tx.childProtectionConference.update({ where: { id: conference.id }, data: { planId: started.id } });
          events.push({ type: "ChildProtectionPlanStarted", childId: child.id, payload: { planId: started.id, category: started.category, startDate: heldOn } });
          const coreGroup = await scheduleTask(tx, at, { task: TASK.FIRST_CORE_GROUP, due: firstCoreGroupDue(heldOn), authority: AUTHORITY.FIRST_CORE_GROUP, planId: started.id });
          const review = await scheduleTask(tx, at, {
            task: TASK.REVIEW_CONFERENCE,
            due: firstReviewConferenceDue(heldOn),
            authority: AUTHORITY.FIRST_REVIEW_CONFERENCE,
            planId: started.id,
          });
          events.push(coreGroup.event, review.event);
        }
        events.unshift({
          type: "ChildProtectionConferenceHeld",
          childId: child.id,
          payload: { conferenceId: conference.id, kind: "INITIAL", heldOn, planCategory: input.planCategory ?? null },
        });
        await ctx.deps.recorder.change(tx, actor(ctx), {
          action: "child_protection_conference.recorded",
          entity: "ChildProtectionConference",
          entityId: conference.id,
          childId: child.id,
          details: { kind: "INITIAL", heldOn, planCategory: input.planCategory ?? null, section47EnquiryId: enquiry.id },
          events,
        });
        return result;
      }

      // REVIEW
      if (!plan) invalidInput("input.kind", "NO_ACTIVE_PLAN", "a review conference reviews a child protection plan; the child has none in force");
      checkReviewDecision(input.planCategory, input.endPlan);
      const previous = await tx.childProtectionConference.findFirst({ where: { ...at, planId: plan.id }, orderBy: { heldOn: "desc" } });
      const previousOn = previous ? fromUtc(previous.heldOn) : fromUtc(plan.startDate);
      if (compareDates(heldOn, previousOn) <= 0) {
        invalidInput("input.heldOn", "REVIEW_BEFORE_PREVIOUS_CONFERENCE", `must be after the plan's previous conference on ${formatDate(previousOn)}`);
      }
      const conference = await tx.childProtectionConference.create({
        data: { id: randomUUID(), ...at, kind: "REVIEW", heldOn: toUtc(heldOn), planCategory: input.planCategory ?? null, planId: plan.id },
      });
      events.push(...(await completeWithEscalations(tx, at, { task: TASK.REVIEW_CONFERENCE, planId: plan.id }, heldOn)));
      if (input.planCategory) {
        // The plan continues; a conference may change its category (the CIN census records the latest).
        if (input.planCategory !== plan.category) await tx.childProtectionPlan.update({ where: { id: plan.id }, data: { category: input.planCategory } });
        const next = await scheduleTask(tx, at, {
          task: TASK.REVIEW_CONFERENCE,
          due: nextReviewConferenceDue(heldOn),
          authority: AUTHORITY.LATER_REVIEW_CONFERENCE,
          planId: plan.id,
        });
        events.push(next.event);
      } else {
        await tx.childProtectionPlan.update({ where: { id: plan.id }, data: { endDate: toUtc(heldOn) } });
        events.push({ type: "ChildProtectionPlanEnded", childId: child.id, payload: { planId: plan.id, endDate: heldOn } });
        events.push(...(await cancelWithEscalations(tx, at, { planId: plan.id }, heldOn, "child protection plan ended")));
      }
      events.unshift({
        type: "ChildProtectionConferenceHeld",
        childId: child.id,
        payload: { conferenceId: conference.id, kind: "REVIEW", heldOn, planCategory: input.planCategory ?? null },
      });
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "child_protection_conference.recorded",
        entity: "ChildProtectionConference",
        entityId: conference.id,
        childId: child.id,
        details: { kind: "REVIEW", heldOn, planCategory: input.planCategory ?? null, planId: plan.id, planEnded: !input.planCategory },
        events,
      });
      return conference;
    });
  },

  async recordCoreGroup(_, { input }, ctx) {
    const child = await childAndDate(ctx, input.childId, "input.heldOn", input.heldOn);
    const at = { tenant: child.tenant, childId: child.id };
    return ctx.deps.db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const plan = await activePlan(tx, at);
      if (!plan) invalidInput("input.childId", "NO_ACTIVE_PLAN", "a core group meets under a child protection plan; the child has none in force");
      const startDate = fromUtc(plan.startDate);
      if (compareDates(input.heldOn, startDate) < 0) {
        invalidInput("input.heldOn", "CORE_GROUP_BEFORE_CONFERENCE", `the initial child protection conference that started the plan was held on ${formatDate(startDate)}`);
      }
      const coreGroup = await tx.coreGroup.create({ data: { id: randomUUID(), ...at, heldOn: toUtc(input.heldOn), planId: plan.id } });
      const events: NewEvent[] = [
        { type: "CoreGroupHeld", childId: child.id, payload: { coreGroupId: coreGroup.id, planId: plan.id, heldOn: input.heldOn } },
        ...(await completeWithEscalations(tx, at, { task: TASK.FIRST_CORE_GROUP, planId: plan.id }, input.heldOn)),
      ];
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "core_group.recorded",
        entity: "CoreGroup",
        entityId: coreGroup.id,
        childId: child.id,
        details: { heldOn: input.heldOn, planId: plan.id },
        events,
      });
      return coreGroup;
    });
  },
};
