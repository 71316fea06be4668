import { chronologyEntryRecorded, NewEvent } from "@caregraph/platform";
import { compareDates, formatDate, fromUtc, LocalDate } from "@caregraph/platform/calendar";
import { ageAssessmentSummary } from "../domain/age-assessment";
import { appealDecidedSummary, appealLodgedSummary } from "../domain/appeals";
import { ceasedSummary } from "../domain/ceasing";
import { statusSummary } from "../domain/immigration-status";
import type { AgeAssessment, Appeal, FamilyTracingReferral, ImmigrationStatusRecord } from "../generated/prisma/client";

/**
 * What the uasc domain publishes on caregraph.uasc.events (the envelope carries tenant, childId,
 * actor and time). Payloads carry ids, codes and dates only: never the Home Office reference, an
 * assessor's or legal representative's name, or any free text. Each significant event also
 * publishes a ChronologyEntryRecorded (platform shape) with a one-line factual summary.
 */
const date = (d: Date | null) => (d ? fromUtc(d) : null);

export function immigrationStatusRecorded(s: ImmigrationStatusRecord, on: LocalDate): NewEvent[] {
  return [
    {
      type: "ImmigrationStatusRecorded",
      childId: s.childId,
      payload: { statusRecordId: s.id, status: s.status, decidedOn: date(s.decidedOn), leaveExpiresOn: date(s.leaveExpiresOn) },
    },
    chronologyEntryRecorded(s.childId, { entryId: `immigration-status:${s.id}`, kind: "ImmigrationStatus", on, summary: statusSummary({ status: s.status, leaveExpiresOn: date(s.leaveExpiresOn) }) }),
  ];
}

/** In time = on or before the day the leave expires (only then does s.3C keep the leave running). */
export function furtherLeaveApplicationRecorded(s: ImmigrationStatusRecord, appliedOn: LocalDate): NewEvent[] {
  const expires = fromUtc(s.leaveExpiresOn!);
  const inTime = compareDates(appliedOn, expires) <= 0;
  return [
    { type: "FurtherLeaveApplicationRecorded", childId: s.childId, payload: { statusRecordId: s.id, appliedOn, leaveExpiresOn: expires, inTime } },
    chronologyEntryRecorded(s.childId, {
      entryId: `immigration-status:${s.id}:further-leave`,
      kind: "FurtherLeaveApplication",
      on: appliedOn,
      summary: `Applied for further leave to remain, ${inTime ? "before the leave expires" : "after the leave expired"} on ${formatDate(expires)}`,
    }),
  ];
}

export function ageAssessmentRecorded(a: AgeAssessment): NewEvent[] {
  return [
    {
      type: "AgeAssessmentRecorded",
      childId: a.childId,
      payload: {
        assessmentId: a.id,
        assessedOn: fromUtc(a.assessedOn),
        outcome: a.outcome,
        assessedDateOfBirth: date(a.assessedDateOfBirth),
        assessorCount: a.assessors.length,
        interpreterPresent: a.interpreterPresent,
        childInformedOn: date(a.childInformedOn),
      },
    },
    chronologyEntryRecorded(a.childId, { entryId: `age-assessment:${a.id}`, kind: "AgeAssessment", on: fromUtc(a.assessedOn), summary: ageAssessmentSummary(a.outcome) }),
  ];
}

export const childInformedOfAgeAssessment = (a: AgeAssessment, informedOn: LocalDate): NewEvent => ({
  type: "ChildInformedOfAgeAssessment",
  childId: a.childId,
  payload: { assessmentId: a.id, informedOn },
});

export const appealLodged = (a: Appeal): NewEvent[] => [
  { type: "AppealLodged", childId: a.childId, payload: { appealId: a.id, tier: a.tier, lodgedOn: fromUtc(a.lodgedOn) } },
  chronologyEntryRecorded(a.childId, { entryId: `appeal:${a.id}:lodged`, kind: "AppealLodged", on: fromUtc(a.lodgedOn), summary: appealLodgedSummary(a.tier) }),
];

export const appealDecided = (a: Appeal): NewEvent[] => [
  {
    type: "AppealDecided",
    childId: a.childId,
    payload: { appealId: a.id, tier: a.tier, heardOn: date(a.heardOn), outcome: a.outcome, decidedOn: date(a.decidedOn) },
  },
  chronologyEntryRecorded(a.childId, { entryId: `appeal:${a.id}:decided`, kind: "AppealDecided", on: fromUtc(a.decidedOn!), summary: appealDecidedSummary(a.tier, a.outcome!) }),
];

export function nationalTransferSchemeRecorded(childId: string, t: { referredOn: LocalDate; transferredOn: LocalDate | null; receivingAuthority: string | null }): NewEvent[] {
  const events: NewEvent[] = [{ type: "NationalTransferSchemeRecorded", childId, payload: { ...t } }];
  if (t.transferredOn && t.receivingAuthority) {
    events.push(
      chronologyEntryRecorded(childId, {
        entryId: `national-transfer-scheme:${childId}:transferred`,
        kind: "NationalTransferSchemeTransfer",
        on: t.transferredOn,
        summary: `Transferred under the National Transfer Scheme to local authority ${t.receivingAuthority}`,
      }),
    );
  }
  return events;
}

export const familyTracingReferred = (r: FamilyTracingReferral): NewEvent => ({
  type: "FamilyTracingReferred",
  childId: r.childId,
  payload: { referralId: r.id, referredOn: fromUtc(r.referredOn), tracedBy: r.tracedBy },
});

export const familyTracingConcluded = (r: FamilyTracingReferral): NewEvent => ({
  type: "FamilyTracingConcluded",
  childId: r.childId,
  payload: { referralId: r.id, outcome: r.outcome, outcomeOn: date(r.outcomeOn) },
});

export const uascCeased = (childId: string, ceasedOn: LocalDate, reason: Parameters<typeof ceasedSummary>[0], corrected: boolean): NewEvent[] => [
  { type: "UascCeased", childId, payload: { ceasedOn, reason, corrected } },
  // The same entry id: a correction replaces the chronology entry.
  chronologyEntryRecorded(childId, { entryId: `uasc:${childId}:ceased`, kind: "UascCeased", on: ceasedOn, summary: ceasedSummary(reason) }),
];
