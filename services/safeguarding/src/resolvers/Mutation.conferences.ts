import { randomUUID } from "node:crypto";
import { NewEvent } from "@caregraph/platform";
import { fromUtc, toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import {
  AUTHORITY,
  checkCoreGroup,
  checkInitialConference,
  checkReviewConference,
  firstCoreGroupDue,
  firstReviewConferenceDue,
  NO_PLAN_FOR_CORE_GROUP,
  NO_PLAN_TO_REVIEW,
  NO_SECTION_47,
  nextReviewConferenceDue,
  TASK,
} from "../domain/child-protection";
import type { MutationResolvers } from "../generated/graphql";
import { scheduleTask } from "../tasks";
import { activePlan, actor, cancelWithEscalations, childAndDate, completeWithEscalations, lockChild } from "../pathway";
import { conferenceHeld, coreGroupHeld, planEnded, planStarted } from "../chronology";

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
        const held = enquiry?.initialConferenceId ? await tx.childProtectionConference.findUnique({ where: { id: enquiry.initialConferenceId } }) : null;
        if (!enquiry) invalidInput("input.kind", "NO_SECTION_47", NO_SECTION_47);
        checkInitialConference({
          heldOn,
          enquiry: {
            startedOn: fromUtc(enquiry.startedOn),
            latestDiscussionOn: fromUtc(enquiry.latestDiscussionOn),
            outcome: enquiry.outcome,
            initialConference: enquiry.initialConferenceId ? { heldOn: held ? fromUtc(held.heldOn) : null } : null,
          },
          planCategory: input.planCategory,
          planInForceSince: plan ? fromUtc(plan.startDate) : null,
        });
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
          events.push(
            { type: "ChildProtectionPlanStarted", childId: child.id, payload: { planId: started.id, category: started.category, startDate: heldOn } },
            planStarted(child.id, started, heldOn),
          );
          const coreGroup = await scheduleTask(tx, at, { task: TASK.FIRST_CORE_GROUP, due: firstCoreGroupDue(heldOn), authority: AUTHORITY.FIRST_CORE_GROUP, planId: started.id });
          const review = await scheduleTask(tx, at, {
            task: TASK.REVIEW_CONFERENCE,
            due: firstReviewConferenceDue(heldOn),
            authority: AUTHORITY.FIRST_REVIEW_CONFERENCE,
            planId: started.id,
          });
          events.push(coreGroup.event, review.event);
        }
        events.unshift(
          {
            type: "ChildProtectionConferenceHeld",
            childId: child.id,
            payload: { conferenceId: conference.id, kind: "INITIAL", heldOn, planCategory: input.planCategory ?? null },
          },
          conferenceHeld(child.id, { id: conference.id, kind: "INITIAL", planCategory: input.planCategory ?? null }, heldOn),
        );
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
      if (!plan) invalidInput("input.kind", "NO_ACTIVE_PLAN", NO_PLAN_TO_REVIEW);
      const previous = await tx.childProtectionConference.findFirst({ where: { ...at, planId: plan.id }, orderBy: { heldOn: "desc" } });
      checkReviewConference({ heldOn, previousConferenceOn: previous ? fromUtc(previous.heldOn) : fromUtc(plan.startDate), planCategory: input.planCategory, endPlan: input.endPlan });
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
        events.push({ type: "ChildProtectionPlanEnded", childId: child.id, payload: { planId: plan.id, endDate: heldOn } }, planEnded(child.id, plan, heldOn));
        events.push(...(await cancelWithEscalations(tx, at, { planId: plan.id }, heldOn, "child protection plan ended")));
      }
      events.unshift(
        {
          type: "ChildProtectionConferenceHeld",
          childId: child.id,
          payload: { conferenceId: conference.id, kind: "REVIEW", heldOn, planCategory: input.planCategory ?? null },
        },
        conferenceHeld(child.id, { id: conference.id, kind: "REVIEW", planCategory: input.planCategory ?? null }, heldOn),
      );
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
      if (!plan) invalidInput("input.childId", "NO_ACTIVE_PLAN", NO_PLAN_FOR_CORE_GROUP);
      checkCoreGroup(input.heldOn, fromUtc(plan.startDate));
      const coreGroup = await tx.coreGroup.create({ data: { id: randomUUID(), ...at, heldOn: toUtc(input.heldOn), planId: plan.id } });
      const events: NewEvent[] = [
        { type: "CoreGroupHeld", childId: child.id, payload: { coreGroupId: coreGroup.id, planId: plan.id, heldOn: input.heldOn } },
        coreGroupHeld(child.id, coreGroup, input.heldOn),
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
