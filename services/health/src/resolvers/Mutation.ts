import { today } from "@caregraph/platform/clock";
import { randomUUID } from "node:crypto";
import { statutoryTaskCompleted } from "@caregraph/platform";
import { compareDates, toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { directory } from "../context";
import { reviewHealthAssessmentDue } from "../domain/health-assessments";
import type { MutationResolvers } from "../generated/graphql";
import { openAssessments, schedule, supersedeReviews, task } from "../schedule";

export const Mutation: MutationResolvers = {
  /**
   * Completes the child's earliest open assessment (of `kind`, if given) — or records one that was
   * not scheduled — and schedules the next review from the completion date.
   */
  async recordHealthAssessment(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity.tenant, input.childId);
    if (compareDates(input.completedOn, today()) > 0) {
      invalidInput("input.completedOn", "NOT_IN_FUTURE", "an assessment cannot be recorded as done on a future date");
    }
    if (compareDates(input.completedOn, child.dateOfBirth) < 0) {
      invalidInput("input.completedOn", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${child.dateOfBirth})`);
    }
    return db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `health:${child.id}`);
      const at = { tenant: child.tenant, childId: child.id };
      const open = await openAssessments(tx, child.tenant, child.id);
      const target = open.find((a) => !input.kind || a.kind === input.kind);
      const completed = target
        ? await tx.healthAssessment.update({
            where: { id: target.id },
            data: { completedOn: toUtc(input.completedOn), note: input.note ?? null },
          })
        : await tx.healthAssessment.create({
            data: {
              id: randomUUID(),
              ...at,
              kind: input.kind ?? "REVIEW",
              reason: "RECORDED",
              scheduledFrom: toUtc(input.completedOn),
              dueDate: toUtc(input.completedOn),
              completedOn: toUtc(input.completedOn),
              note: input.note ?? null,
            },
          });
      const superseded = await supersedeReviews(tx, open.filter((a) => a.id !== completed.id), input.completedOn);
      const next = await schedule(
        tx,
        at,
        "REVIEW",
        "PERIODIC_REVIEW",
        input.completedOn,
        reviewHealthAssessmentDue(input.completedOn, child.dateOfBirth),
      );
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "health_assessment.recorded",
        entity: "HealthAssessment",
        entityId: completed.id,
        childId: child.id,
        details: { kind: completed.kind, completedOn: input.completedOn, next: next.assessment.id },
        events: [statutoryTaskCompleted(child.id, task(completed), input.completedOn), ...superseded, ...next.events],
      });
      return completed;
    });
  },
};
