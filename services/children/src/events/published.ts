import type { NewEvent } from "@caregraph/platform";
import { fromUtc } from "@caregraph/platform/calendar";
import type { ChainedStatus } from "../domain/legal-status";
import type { Allocation, Child } from "../generated/prisma/client";

/**
 * What the children domain tells the others (topic caregraph.children.events). Payloads carry
 * what other domains' rules need — dates and codes, never names.
 */
export const childRegistered = (c: Child, legalStatus: string | null): NewEvent => ({
  type: "ChildRegistered",
  childId: c.id,
  payload: {
    dateOfBirth: fromUtc(c.dateOfBirth),
    sex: c.sex,
    lookedAfterSince: c.lookedAfterSince ? fromUtc(c.lookedAfterSince) : null,
    legalStatus,
  },
});

/**
 * The clock for most statutory timescales starts here (reviews, IHA, PEP). Published again for
 * each new period of care, and with `corrected: true` when a correction moves the start.
 */
export const childBecameLookedAfter = (childId: string, date: string, legalStatus: string | null, corrected = false): NewEvent => ({
  type: "ChildBecameLookedAfter",
  childId,
  payload: corrected ? { date, legalStatus, corrected: true } : { date, legalStatus },
});

/** The end of a period of care (DfE DEC + REC): every domain cancels the child's open tasks. */
export const childCeasedLookedAfter = (childId: string, endDate: string, reason: string): NewEvent => ({
  type: "ChildCeasedLookedAfter",
  childId,
  payload: { endDate, reason },
});

export const legalStatusChanged = (childId: string, code: string, startDate: string, previousCode: string | null): NewEvent => ({
  type: "LegalStatusChanged",
  childId,
  payload: { code, startDate, previousCode },
});

export const legalStatusAmended = (childId: string, s: ChainedStatus): NewEvent => ({
  type: "LegalStatusAmended",
  childId,
  payload: { legalStatusId: s.id, code: s.code, startDate: s.startDate, endDate: s.endDate },
});

export const legalStatusVoided = (childId: string, legalStatusId: string): NewEvent => ({
  type: "LegalStatusVoided",
  childId,
  payload: { legalStatusId },
});

export const workerAllocated = (a: Allocation, previousWorkerId: string | null): NewEvent => ({
  type: "WorkerAllocated",
  childId: a.childId,
  payload: { allocationId: a.id, workerId: a.workerId, role: a.role, from: fromUtc(a.from), previousWorkerId },
});

export const childArchived = (childId: string): NewEvent => ({ type: "ChildArchived", childId, payload: {} });
export const childRestored = (childId: string): NewEvent => ({ type: "ChildRestored", childId, payload: {} });
