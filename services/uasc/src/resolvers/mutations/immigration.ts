import { randomUUID } from "node:crypto";
import { formatDate, fromUtc, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { effectiveOn, statusProblem } from "../../domain/immigration-status";
import { notBefore, notInFuture } from "../../domain/problems";
import { furtherLeaveApplicationRecorded, immigrationStatusRecorded } from "../../events/published";
import type { MutationResolvers } from "../../generated/graphql";
import { syncLeaveRenewal } from "../../renewal";
import { currentStatus } from "../../uasc";
import { changeCase, check } from "../change";

export const immigration: Pick<MutationResolvers, "recordImmigrationStatus" | "recordFurtherLeaveApplication"> = {
  /** A status joins the history; the renewal task follows the (possibly new) current status. */
  async recordImmigrationStatus(_, { input }, ctx) {
    const on = today();
    const s = { status: input.status, decidedOn: input.decidedOn ?? null, leaveExpiresOn: input.leaveExpiresOn ?? null };
    return changeCase(ctx, input.childId, async (tx, child) => {
      check(statusProblem(s, child.dateOfBirth, on));
      const from = effectiveOn(s, on);
      const row = await tx.immigrationStatusRecord.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          status: s.status,
          decidedOn: s.decidedOn ? toUtc(s.decidedOn) : null,
          effectiveOn: toUtc(from),
          leaveExpiresOn: s.leaveExpiresOn ? toUtc(s.leaveExpiresOn) : null,
        },
      });
      return {
        result: row,
        action: "uasc.immigration-status.recorded",
        entity: "ImmigrationStatusRecord",
        entityId: row.id,
        details: s,
        events: [...immigrationStatusRecorded(row, from), ...(await syncLeaveRenewal(tx, child.tenant, child.id))],
      };
    });
  },

  /** An application for further leave for the current leave: the renewal task is done. */
  async recordFurtherLeaveApplication(_, { input }, ctx) {
    const on = today();
    return changeCase(ctx, input.childId, async (tx, child) => {
      const current = await currentStatus(tx, child.tenant, child.id);
      if (!current?.leaveExpiresOn) {
        invalidInput("input.childId", "NO_LEAVE_TO_RENEW", current ? `the current status (${current.status}) has no leave that expires` : "no immigration status is recorded for this child");
      }
      if (current.furtherLeaveAppliedOn) {
        invalidInput("input.childId", "ALREADY_APPLIED", `an application for further leave was already recorded on ${formatDate(fromUtc(current.furtherLeaveAppliedOn))}`);
      }
      check(notInFuture("input.appliedOn", input.appliedOn, on) ?? notBefore("input.appliedOn", input.appliedOn, fromUtc(current.effectiveOn), "the decision that granted the leave", "NOT_BEFORE_DECISION"));
      const row = await tx.immigrationStatusRecord.update({ where: { id: current.id }, data: { furtherLeaveAppliedOn: toUtc(input.appliedOn) } });
      return {
        result: row,
        action: "uasc.further-leave.applied",
        entity: "ImmigrationStatusRecord",
        entityId: row.id,
        details: { appliedOn: input.appliedOn },
        events: [...furtherLeaveApplicationRecorded(row, input.appliedOn), ...(await syncLeaveRenewal(tx, child.tenant, child.id, input.appliedOn))],
      };
    });
  },
};
