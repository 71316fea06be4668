import { randomUUID } from "node:crypto";
import { NewEvent } from "@caregraph/platform";
import { compareDates, formatDate, fromUtc, toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { AUTHORITY, initialConferenceDue, latestDiscussion, TASK } from "../domain/child-protection";
import type { MutationResolvers } from "../generated/graphql";
import { cancelTask, moveTask, openTasks, scheduleTask } from "../tasks";
import { actor, cancelWithEscalations, childAndDate, lockChild } from "../pathway";
import { section47Concluded, strategyDiscussionHeld } from "../chronology";

/** Strategy discussions and the section 47 enquiries they start. */
export const enquiriesMutations: MutationResolvers = {
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
      events.unshift(
        {
          type: "StrategyDiscussionHeld",
          childId: child.id,
          payload: { strategyDiscussionId: discussion.id, heldOn: input.heldOn, outcome: input.outcome, agencies, section47EnquiryId },
        },
        strategyDiscussionHeld(child.id, discussion, input.heldOn),
      );
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
        section47Concluded(child.id, enquiry.id, input.outcome, input.completedOn),
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
};
