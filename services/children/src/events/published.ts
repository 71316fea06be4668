import type { NewEvent } from "@caregraph/platform";
import { fromUtc } from "@caregraph/platform/calendar";
import type { Child } from "../generated/prisma/client";

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

/** The clock for most statutory timescales starts here (reviews, IHA, PEP). */
export const childBecameLookedAfter = (childId: string, date: string, legalStatus: string | null): NewEvent => ({
  type: "ChildBecameLookedAfter",
  childId,
  payload: { date, legalStatus },
});

export const legalStatusChanged = (childId: string, code: string, startDate: string, previousCode: string | null): NewEvent => ({
  type: "LegalStatusChanged",
  childId,
  payload: { code, startDate, previousCode },
});

export const childArchived = (childId: string): NewEvent => ({ type: "ChildArchived", childId, payload: {} });
export const childRestored = (childId: string): NewEvent => ({ type: "ChildRestored", childId, payload: {} });
