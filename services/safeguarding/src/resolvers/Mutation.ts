import { randomUUID } from "node:crypto";
import { KnownChild, NewEvent } from "@caregraph/platform";
import { today } from "@caregraph/platform/clock";
import { compareDates, formatDate, fromUtc, LocalDate, toUtc } from "@caregraph/platform/calendar";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import { Context, directory } from "../context";
import {
  AUTHORITY,
  criticalConcernEscalation,
  datePlausibility,
  firstCoreGroupDue,
  firstReviewConferenceDue,
  initialConferenceDue,
  latestDiscussion,
  nextReviewConferenceDue,
  TASK,
} from "../domain/child-protection";
import { decideRiskLevel } from "../domain/risk-matrix";
import type { MutationResolvers } from "../generated/graphql";
import type { Prisma } from "../generated/prisma/client";
import { cancelTask, completeTask, moveTask, openTasks, scheduleTask } from "../tasks";

type Tx = Prisma.TransactionClient;

const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });

/** The child exists in the caller's local authority, and the date given happened during the child's life. */
async function childAndDate(ctx: Context, childId: string, field: string, date: LocalDate): Promise<KnownChild> {
  const child = await directory.require(ctx.deps.db, ctx.identity, childId);
  const broken = datePlausibility(date, child.dateOfBirth, today());
  if (broken === "NOT_IN_FUTURE") invalidInput(field, broken, `${formatDate(date)} is in the future; record what has happened`);
  if (broken === "NOT_BEFORE_BIRTH") invalidInput(field, broken, `cannot be before the child's date of birth (${child.dateOfBirth})`);
  return child;
}

// One writer per child at a time: the pathway's order rules read what earlier writes left.
const lockChild = (tx: Tx, childId: string) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `safeguarding:${childId}`);

const activePlan = (tx: Tx, at: { tenant: string; childId: string }) => tx.childProtectionPlan.findFirst({ where: { ...at, endDate: null } });

/** Completes open tasks, and the escalations raised for them (the escalation's purpose is met). */
async function completeWithEscalations(tx: Tx, at: { tenant: string; childId: string }, where: Prisma.SafeguardingTaskWhereInput, on: LocalDate) {
  const events: NewEvent[] = [];
  const done = await openTasks(tx, at, where);
  for (const t of done) events.push(await completeTask(tx, t, on));
  if (done.length) {
    for (const e of await openTasks(tx, at, { task: TASK.ESCALATION, escalatesTaskId: { in: done.map((t) => t.id) } })) {
      events.push(await completeTask(tx, e, on));
    }
  }
  return events;
}

async function cancelWithEscalations(tx: Tx, at: { tenant: string; childId: string }, where: Prisma.SafeguardingTaskWhereInput, on: LocalDate, reason: string) {
  const events: NewEvent[] = [];
  const gone = await openTasks(tx, at, where);
  for (const t of gone) events.push(await cancelTask(tx, t, on, reason));
  if (gone.length) {
    for (const e of await openTasks(tx, at, { task: TASK.ESCALATION, escalatesTaskId: { in: gone.map((t) => t.id) } })) {
      events.push(await cancelTask(tx, e, on, reason));
    }
  }
  return events;
}

export const Mutation: MutationResolvers = {
  async raiseConcern(_, { input }, ctx) {
    const child = await childAndDate(ctx, input.childId, "input.raisedOn", input.raisedOn);
    if (!input.summary.trim()) invalidInput("input.summary", "REQUIRED", "say what the concern is");
    const risk = decideRiskLevel(input);
    if (!risk.ok) invalidInput(risk.field, risk.rule, risk.message);
    const at = { tenant: child.tenant, childId: child.id };
    return ctx.deps.db.$transaction(async (tx) => {
      const concern = await tx.concern.create({
        data: {
          id: randomUUID(),
          ...at,
          category: input.category,
          riskLevel: risk.level,
          likelihood: risk.assessment?.likelihood ?? null,
          impact: risk.assessment?.impact ?? null,
          riskScore: risk.assessment?.score ?? null,
          summary: input.summary.trim(),
          sourceAgency: input.sourceAgency?.trim() || null,
          raisedOn: toUtc(input.raisedOn),
        },
      });
      const events: NewEvent[] = [
        {
          type: "ConcernRaised",
          childId: child.id,
          payload: { concernId: concern.id, category: concern.category, riskLevel: concern.riskLevel, raisedOn: input.raisedOn },
        },
      ];
      if (concern.riskLevel === "CRITICAL") {
        const escalation = await scheduleTask(tx, at, {
          task: TASK.ESCALATION,
          due: criticalConcernEscalation(input.raisedOn, today()),
          authority: AUTHORITY.ESCALATION,
          assignedRole: "TEAM_MANAGER",
          concernId: concern.id,
        });
        events.push(escalation.event);
      }
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "concern.raised",
        entity: "Concern",
        entityId: concern.id,
        childId: child.id,
        details: { category: concern.category, riskLevel: concern.riskLevel, riskScore: concern.riskScore, raisedOn: input.raisedOn },
        events,
      });
      return concern;
    });
  },

  async recordStrategyDiscussion(_, { input }, ctx) {
    const child = await childAndDate(ctx, input.childId, "input.heldOn", input.heldOn);
    const agencies = (input.agencies ?? []).map((a) => a.trim()).filter(Boolean);
    const at = { tenant: child.tenant, childId: child.id };
    return ctx.deps.db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const events: NewEvent[] = [];
      let section47EnquiryId: string | null = null;
      if (input.outcome === "SECTION_47") {
        // An enquiry is open until its initial conference is held or it concludes without one.
        const open = await tx.section47Enquiry.findFirst({
          where: { ...at, initialConferenceId: null, OR: [{ outcome: null }, { outcome: "CONFERENCE" }] },
          orderBy: { startedOn: "desc" },
        });
        if (open) {
          // WT 2023: the ICPC clock runs from the latest strategy discussion at which s47 enquiries were initiated.
          const previous = fromUtc(open.latestDiscussionOn);
          const latest = latestDiscussion([previous, input.heldOn]);
          const startedOn = compareDates(input.heldOn, fromUtc(open.startedOn)) < 0 ? input.heldOn : fromUtc(open.startedOn);
          await tx.section47Enquiry.update({ where: { id: open.id }, data: { latestDiscussionOn: toUtc(latest), startedOn: toUtc(startedOn) } });
          if (latest !== previous) {
            for (const t of await openTasks(tx, at, { task: TASK.INITIAL_CONFERENCE, section47EnquiryId: open.id })) {
              events.push(await moveTask(tx, t, TASK.INITIAL_CONFERENCE, initialConferenceDue(latest)));
              // Its clock restarted, so it is no longer overdue: an escalation of the old date lapses.
              for (const e of await openTasks(tx, at, { task: TASK.ESCALATION, escalatesTaskId: t.id })) {
                events.push(await cancelTask(tx, e, input.heldOn, "initial conference re-scheduled from a later strategy discussion"));
              }
            }
          }
          section47EnquiryId = open.id;
        } else {
          const enquiry = await tx.section47Enquiry.create({
            data: { id: randomUUID(), ...at, startedOn: toUtc(input.heldOn), latestDiscussionOn: toUtc(input.heldOn) },
          });
          const icpc = await scheduleTask(tx, at, {
            task: TASK.INITIAL_CONFERENCE,
            due: initialConferenceDue(input.heldOn),
            authority: AUTHORITY.INITIAL_CONFERENCE,
            section47EnquiryId: enquiry.id,
          });
          events.push(icpc.event);
          section47EnquiryId = enquiry.id;
        }
      }
      const discussion = await tx.strategyDiscussion.create({
        data: { id: randomUUID(), ...at, heldOn: toUtc(input.heldOn), outcome: input.outcome, agencies, section47EnquiryId },
      });
      events.unshift({
        type: "StrategyDiscussionHeld",
        childId: child.id,
        payload: { strategyDiscussionId: discussion.id, heldOn: input.heldOn, outcome: input.outcome, agencies, section47EnquiryId },
      });
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "strategy_discussion.recorded",
        entity: "StrategyDiscussion",
        entityId: discussion.id,
        childId: child.id,
        details: { heldOn: input.heldOn, outcome: input.outcome, agencies, section47EnquiryId },
        events,
      });
      return discussion;
    });
  },

  async recordSection47Outcome(_, { input }, ctx) {
    const child = await childAndDate(ctx, input.childId, "input.completedOn", input.completedOn);
    const at = { tenant: child.tenant, childId: child.id };
    return ctx.deps.db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const enquiry = await tx.section47Enquiry.findFirst({ where: { ...at, outcome: null }, orderBy: { startedOn: "desc" } });
      if (!enquiry) invalidInput("input.childId", "NO_OPEN_SECTION_47", "the child has no section 47 enquiry awaiting an outcome");
      const startedOn = fromUtc(enquiry.startedOn);
      if (compareDates(input.completedOn, startedOn) < 0) {
        invalidInput("input.completedOn", "BEFORE_ENQUIRY_STARTED", `the enquiry started on ${formatDate(startedOn)}`);
      }
      if (enquiry.initialConferenceId && input.outcome !== "CONFERENCE") {
        invalidInput("input.outcome", "CONFERENCE_ALREADY_HELD", "an initial child protection conference has already been held for this enquiry");
      }
      const concluded = await tx.section47Enquiry.update({
        where: { id: enquiry.id },
        data: { outcome: input.outcome, completedOn: toUtc(input.completedOn) },
      });
      const events: NewEvent[] = [
        {
          type: "Section47EnquiryConcluded",
          childId: child.id,
          payload: { section47EnquiryId: enquiry.id, startedOn, completedOn: input.completedOn, outcome: input.outcome },
        },
      ];
      if (input.outcome !== "CONFERENCE") {
        events.push(
          ...(await cancelWithEscalations(
            tx,
            at,
            { task: TASK.INITIAL_CONFERENCE, section47EnquiryId: enquiry.id },
            input.completedOn,
            "section 47 enquiry concluded without a conference",
          )),
        );
      }
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "section47_enquiry.concluded",
        entity: "Section47Enquiry",
        entityId: enquiry.id,
        childId: child.id,
        details: { outcome: input.outcome, completedOn: input.completedOn },
        events,
      });
      return concluded;
    });
  },

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

  async acknowledgeEscalation(_, { input }, ctx) {
    const { db } = ctx.deps;
    const task = await db.safeguardingTask.findFirst({ where: { id: input.taskId, tenant: ctx.tenant, task: TASK.ESCALATION } });
    if (!task) throw new NotFoundError("input.taskId", "escalation task");
    await childAndDate(ctx, task.childId, "input.acknowledgedOn", input.acknowledgedOn);
    if (compareDates(input.acknowledgedOn, fromUtc(task.dueDate)) < 0) {
      invalidInput("input.acknowledgedOn", "BEFORE_ESCALATION", `the escalation was raised on ${formatDate(fromUtc(task.dueDate))}`);
    }
    return db.$transaction(async (tx) => {
      await lockChild(tx, task.childId);
      const current = await tx.safeguardingTask.findUniqueOrThrow({ where: { id: task.id } });
      if (current.completedOn || current.cancelledOn) {
        invalidInput("input.taskId", "ESCALATION_CLOSED", `this escalation was already ${current.completedOn ? "acknowledged" : "cancelled"}`);
      }
      const event = await completeTask(tx, current, input.acknowledgedOn);
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "escalation.acknowledged",
        entity: "SafeguardingTask",
        entityId: task.id,
        childId: task.childId,
        details: { acknowledgedOn: input.acknowledgedOn, escalatedOn: fromUtc(task.dueDate), note: input.note?.trim() || null },
        events: [event],
      });
      return tx.safeguardingTask.findUniqueOrThrow({ where: { id: task.id } });
    });
  },
};
