import { randomUUID } from "node:crypto";
import { formatDate, fromUtc, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { ageAssessmentProblem, childInformedProblem, distinctAssessors } from "../../domain/age-assessment";
import { ageAssessmentRecorded, childInformedOfAgeAssessment } from "../../events/published";
import type { MutationResolvers } from "../../generated/graphql";
import type { Tx } from "../../uasc";
import { changeCase, changeRow, check } from "../change";

const day = (d: string | null | undefined) => (d ? toUtc(d) : null);

export const ageAssessment: Pick<MutationResolvers, "recordAgeAssessment" | "recordChildInformedOfAgeAssessment"> = {
  /** A Merton-compliant age assessment (domain/age-assessment.ts has the rules and their sources). */
  async recordAgeAssessment(_, { input }, ctx) {
    const on = today();
    return changeCase(ctx, input.childId, async (tx, child) => {
      check(ageAssessmentProblem(input, child.dateOfBirth, on));
      const interpreterLanguage = input.interpreterLanguage?.trim() || null;
      const row = await tx.ageAssessment.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          assessedOn: toUtc(input.assessedOn),
          outcome: input.outcome,
          assessors: distinctAssessors(input.assessors),
          interpreterLanguage,
          interpreterPresent: input.interpreterPresent ?? null,
          appropriateAdultPresent: input.appropriateAdultPresent ?? null,
          childInformedOn: day(input.childInformedOn),
          assessedDateOfBirth: day(input.assessedDateOfBirth),
        },
      });
      return {
        result: row,
        action: "uasc.age-assessment.recorded",
        entity: "AgeAssessment",
        entityId: row.id,
        details: {
          assessedOn: input.assessedOn,
          outcome: input.outcome,
          assessorCount: row.assessors.length,
          interpreterPresent: row.interpreterPresent,
          childInformedOn: input.childInformedOn ?? null,
          assessedDateOfBirth: input.assessedDateOfBirth ?? null,
        },
        events: ageAssessmentRecorded(row),
      };
    });
  },

  /** Merton: the child is told the outcome (and may answer it); recorded once. */
  async recordChildInformedOfAgeAssessment(_, { input }, ctx) {
    const on = today();
    const find = (tx: Tx, id: string) => tx.ageAssessment.findFirst({ where: { id, tenant: ctx.tenant } });
    return changeRow(ctx, "input.assessmentId", "age assessment", input.assessmentId, find, async (tx, a) => {
      if (a.childInformedOn) {
        invalidInput("input.assessmentId", "ALREADY_INFORMED", `the child was already recorded as told on ${formatDate(fromUtc(a.childInformedOn))}`);
      }
      check(childInformedProblem("input.informedOn", input.informedOn, fromUtc(a.assessedOn), on));
      const row = await tx.ageAssessment.update({ where: { id: a.id }, data: { childInformedOn: toUtc(input.informedOn) } });
      return {
        result: row,
        action: "uasc.age-assessment.child-informed",
        entity: "AgeAssessment",
        entityId: row.id,
        details: { informedOn: input.informedOn },
        events: [childInformedOfAgeAssessment(row, input.informedOn)],
      };
    });
  },
};
