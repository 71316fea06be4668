import { randomUUID } from "node:crypto";
import { NewEvent } from "@caregraph/platform";
import { today } from "@caregraph/platform/clock";
import { compareDates, formatDate, fromUtc, toUtc } from "@caregraph/platform/calendar";
import { invalidInput, NotFoundError } from "@caregraph/platform/graphql";
import { AUTHORITY, criticalConcernEscalation, TASK } from "../domain/child-protection";
import { decideRiskLevel } from "../domain/risk-matrix";
import type { MutationResolvers } from "../generated/graphql";
import { completeTask, scheduleTask } from "../tasks";
import { actor, childAndDate, lockChild } from "../pathway";
import { concernRaised } from "../chronology";
import { ENCRYPTED } from "../encrypted-fields";

/** Concerns and the escalations they raise. */
export const concernsMutations: MutationResolvers = {
  async raiseConcern(_, { input }, ctx) {
    const child = await childAndDate(ctx, input.childId, "input.raisedOn", input.raisedOn);
    if (!input.summary.trim()) invalidInput("input.summary", "REQUIRED", "say what the concern is");
    const risk = decideRiskLevel(input);
    if (!risk.ok) invalidInput(risk.field, risk.rule, risk.message);
    const at = { tenant: child.tenant, childId: child.id };
    const id = randomUUID();
    return ctx.deps.db.$transaction(async (tx) => {
      const concern = await tx.concern.create({
        data: {
          id,
          ...at,
          category: input.category,
          riskLevel: risk.level,
          likelihood: risk.assessment?.likelihood ?? null,
          impact: risk.assessment?.impact ?? null,
          riskScore: risk.assessment?.score ?? null,
          summary: ENCRYPTED.concernSummary.seal(id, input.summary.trim()),
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
        concernRaised(child.id, concern, input.raisedOn),
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
      const note = input.note?.trim() || null;
      if (note) await tx.safeguardingTask.update({ where: { id: task.id }, data: { acknowledgementNote: ENCRYPTED.acknowledgementNote.seal(task.id, note) } });
      const event = await completeTask(tx, current, input.acknowledgedOn);
      await ctx.deps.recorder.change(tx, actor(ctx), {
        action: "escalation.acknowledged",
        entity: "SafeguardingTask",
        entityId: task.id,
        childId: task.childId,
        // The note is a narrative: kept (sealed) on the task, never in the audit details.
        details: { acknowledgedOn: input.acknowledgedOn, escalatedOn: fromUtc(task.dueDate), noted: note !== null },
        events: [event],
      });
      return tx.safeguardingTask.findUniqueOrThrow({ where: { id: task.id } });
    });
  },
};
