import { chronologyEntryRecorded, NewEvent } from "@caregraph/platform";
import { formatDate, fromUtc, LocalDate } from "@caregraph/platform/calendar";
import { basisWords, frequencyWords, kindWords, partyWords, supervisionWords } from "../domain/contact";
import { BASIS_WORDS } from "../domain/parental-responsibility";
import { relationshipTitle, relationshipWords } from "../domain/relationships";
import type { ContactArrangement, ContactSession, FamilyMember, ParentalResponsibilityRecord } from "../generated/prisma/client";

/**
 * What the family domain tells the others (topic caregraph.family.events), besides its statutory
 * tasks. Payloads carry ids, codes and dates — never a name, a venue or a note. Each significant
 * change also goes to the child's chronology (ChronologyEntryRecorded) with a one-line factual
 * summary in the same words: relationship, kind, frequency, supervision, dates.
 */

const basisOf = (b: FamilyMember["parentalResponsibilityBasis"]) => (b ? BASIS_WORDS[b] : "no basis recorded");

const prWords = (m: { hasParentalResponsibility: boolean; parentalResponsibilityBasis: FamilyMember["parentalResponsibilityBasis"] }) =>
  m.hasParentalResponsibility && m.parentalResponsibilityBasis
    ? `holds parental responsibility (${BASIS_WORDS[m.parentalResponsibilityBasis]})`
    : "does not hold parental responsibility";

export function familyMemberAdded(m: FamilyMember, on: LocalDate): NewEvent[] {
  return [
    {
      type: "FamilyMemberAdded",
      childId: m.childId,
      payload: {
        familyMemberId: m.id,
        relationship: m.relationship,
        hasParentalResponsibility: m.hasParentalResponsibility,
        parentalResponsibilityBasis: m.parentalResponsibilityBasis,
        linkedChildId: m.linkedChildId,
      },
    },
    chronologyEntryRecorded(m.childId, {
      entryId: `family-member:${m.id}:added`,
      kind: "FamilyMemberAdded",
      on,
      summary: `${relationshipTitle(m.relationship)} added to the family record; ${prWords(m)}${m.linkedChildId ? "; also a child in CareGraph" : ""}`,
    }),
  ];
}

export function parentalResponsibilityChanged(m: FamilyMember, before: { hasParentalResponsibility: boolean; parentalResponsibilityBasis: FamilyMember["parentalResponsibilityBasis"] }, r: ParentalResponsibilityRecord): NewEvent[] {
  const on = fromUtc(r.effectiveOn as Date);
  const who = relationshipTitle(m.relationship);
  const summary = !r.hasParentalResponsibility
    ? `${who}'s parental responsibility ended (had been: ${basisOf(before.parentalResponsibilityBasis)})`
    : before.hasParentalResponsibility
      ? `${who} now holds parental responsibility as ${basisOf(r.parentalResponsibilityBasis)} (was: ${basisOf(before.parentalResponsibilityBasis)})`
      : `${who} acquired parental responsibility (${basisOf(r.parentalResponsibilityBasis)})`;
  return [
    {
      type: "ParentalResponsibilityChanged",
      childId: m.childId,
      payload: {
        familyMemberId: m.id,
        relationship: m.relationship,
        hasParentalResponsibility: r.hasParentalResponsibility,
        parentalResponsibilityBasis: r.parentalResponsibilityBasis,
        effectiveOn: on,
        previous: before,
      },
    },
    chronologyEntryRecorded(m.childId, { entryId: `family-member:${m.id}:pr:${r.id}`, kind: "ParentalResponsibilityChanged", on, summary }),
  ];
}

const terms = (a: ContactArrangement) => ({
  arrangementId: a.id,
  familyMemberId: a.familyMemberId,
  kind: a.kind,
  times: a.times,
  period: a.period,
  supervision: a.supervision,
  basis: a.basis,
  startDate: fromUtc(a.startDate),
});

/** "face-to-face, once a fortnight, supervised, court-ordered". */
const termWords = (a: ContactArrangement) => `${kindWords(a.kind)}, ${frequencyWords(a.times, a.period).toLowerCase()}, ${supervisionWords(a.supervision)}, ${basisWords(a.basis)}`;

export function contactArrangementMade(a: ContactArrangement, m: FamilyMember): NewEvent[] {
  const startDate = fromUtc(a.startDate);
  return [
    { type: "ContactArrangementMade", childId: a.childId, payload: { ...terms(a), relationship: m.relationship } },
    chronologyEntryRecorded(a.childId, {
      entryId: `contact-arrangement:${a.id}:made`,
      kind: "ContactArrangementMade",
      on: startDate,
      summary: `Contact arrangement with the ${relationshipWords(m.relationship)} from ${formatDate(startDate)}: ${termWords(a)}`,
    }),
  ];
}

export function contactArrangementChanged(a: ContactArrangement, m: FamilyMember, changedOn: LocalDate, changeId: string): NewEvent[] {
  return [
    { type: "ContactArrangementChanged", childId: a.childId, payload: { ...terms(a), relationship: m.relationship, changedOn, changeId } },
    chronologyEntryRecorded(a.childId, {
      entryId: `contact-arrangement:${a.id}:changed:${changeId}`,
      kind: "ContactArrangementChanged",
      on: changedOn,
      summary: `Contact arrangement with the ${relationshipWords(m.relationship)} changed: now ${termWords(a)}`,
    }),
  ];
}

export function contactArrangementEnded(a: ContactArrangement, m: FamilyMember): NewEvent[] {
  const endedOn = fromUtc(a.endDate as Date);
  return [
    { type: "ContactArrangementEnded", childId: a.childId, payload: { arrangementId: a.id, familyMemberId: a.familyMemberId, relationship: m.relationship, endedOn } },
    chronologyEntryRecorded(a.childId, {
      entryId: `contact-arrangement:${a.id}:ended`,
      kind: "ContactArrangementEnded",
      on: endedOn,
      // The reason is the worker's words: kept with the record, not published.
      summary: `Contact arrangement with the ${relationshipWords(m.relationship)} ended (${kindWords(a.kind)}, in place since ${formatDate(fromUtc(a.startDate))})`,
    }),
  ];
}

/** Every session is published (no note); a cancelled or missed one is also a chronology entry. */
export function contactSessionRecorded(s: ContactSession, m: FamilyMember): NewEvent[] {
  const on = fromUtc(s.sessionOn);
  const events: NewEvent[] = [
    {
      type: "ContactSessionRecorded",
      childId: s.childId,
      payload: { sessionId: s.id, arrangementId: s.arrangementId, relationship: m.relationship, sessionOn: on, outcome: s.outcome, cancelledBy: s.cancelledBy, notAttendedBy: s.notAttendedBy },
    },
  ];
  const withWhom = `Contact with the ${relationshipWords(m.relationship)} on ${formatDate(on)}`;
  if (s.outcome === "CANCELLED" && s.cancelledBy) {
    events.push(chronologyEntryRecorded(s.childId, { entryId: `contact-session:${s.id}`, kind: "ContactSessionCancelled", on, summary: `${withWhom} cancelled by ${partyWords(s.cancelledBy)}` }));
  }
  if (s.outcome === "DID_NOT_ATTEND" && s.notAttendedBy) {
    events.push(chronologyEntryRecorded(s.childId, { entryId: `contact-session:${s.id}`, kind: "ContactSessionNotAttended", on, summary: `${withWhom}: ${partyWords(s.notAttendedBy)} did not attend` }));
  }
  return events;
}

export const lifeStoryWorkItemRecorded = (i: { id: string; childId: string; kind: string; completedOn: Date }): NewEvent => ({
  type: "LifeStoryWorkItemRecorded",
  childId: i.childId,
  payload: { itemId: i.id, kind: i.kind, completedOn: fromUtc(i.completedOn) },
});
