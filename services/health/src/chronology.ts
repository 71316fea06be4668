import { chronologyEntryRecorded, chronologyEntryWithdrawn, NewEvent } from "@caregraph/platform";
import { fromUtc } from "@caregraph/platform/calendar";
import { vaccineNamed } from "./domain/immunisation-schedule";
import type { Consent, DentalCheck, HealthAssessment, Immunisation, OpticianCheck, Sdq } from "./generated/prisma/client";

/**
 * What the health domain tells the child's chronology: that an assessment was done, its kind and
 * day — never the note (clinical notes are hidden from some readers of this domain).
 */
const WHAT = { INITIAL: "Initial health assessment done", REVIEW: "Review health assessment done" } as const;

const entryId = (a: HealthAssessment) => `health-assessment:${a.id}`;

/** The chronology entries the health records publish, by the entry id each was published under. */
export const RECORD_ENTRY = {
  IMMUNISATION: (id: string) => `immunisation:${id}`,
  DENTAL_CHECK: (id: string) => `dental-check:${id}`,
  OPTICIAN_CHECK: (id: string) => `optician-check:${id}`,
  SDQ: (id: string) => `sdq:${id}`,
  CONSENT: (id: string) => `consent:${id}`,
} as const;

/** A completed assessment (recorded, or corrected: the same entry replaced). */
export function assessmentDone(a: HealthAssessment & { completedOn: Date }): NewEvent {
  return chronologyEntryRecorded(a.childId, {
    entryId: entryId(a),
    kind: a.kind === "INITIAL" ? "InitialHealthAssessment" : "ReviewHealthAssessment",
    on: fromUtc(a.completedOn),
    summary: `${WHAT[a.kind]}${a.reason === "PLACEMENT_MOVE" ? " (the review after a placement move)" : ""}`,
  });
}

/** A completion voided as entered in error: the chronology forgets it (the task may open again). */
export const assessmentVoided = (a: HealthAssessment): NewEvent => chronologyEntryWithdrawn(a.childId, entryId(a), "health assessment voided as entered in error");

const KIND_WORDS = { MEDICAL_TREATMENT: "medical treatment", IMMUNISATION: "immunisation", SHARING_WITH_AGENCY: "sharing health information" } as const;
const BY_WORDS = { CHILD: "the child", PARENT: "a person with parental responsibility", LOCAL_AUTHORITY: "the local authority" } as const;
const BASIS_WORDS = {
  ADULT: "aged 18 or over",
  PRESUMED_COMPETENT_16_17: "aged 16 or 17, presumed able (Family Law Reform Act 1969 s.8)",
  GILLICK_COMPETENT: "assessed as Gillick competent",
  PARENTAL_RESPONSIBILITY: "parental responsibility",
  CARE_ORDER: "care order",
} as const;

/**
 * A vaccine given and the day. The vaccine is typed in freely, so the entry names it only by the
 * routine schedule's name (a brand becomes "MMR"); anything else is "a vaccine outside the routine schedule".
 */
export const immunisationGiven = (i: Immunisation): NewEvent => {
  const name = vaccineNamed(i.vaccine);
  return chronologyEntryRecorded(i.childId, {
    entryId: RECORD_ENTRY.IMMUNISATION(i.id),
    kind: "Immunisation",
    on: fromUtc(i.givenOn),
    summary: name ? `Immunisation given: ${name}` : "Immunisation given: a vaccine outside the routine schedule",
  });
};

export const dentalChecked = (d: DentalCheck): NewEvent =>
  chronologyEntryRecorded(d.childId, { entryId: RECORD_ENTRY.DENTAL_CHECK(d.id), kind: "DentalCheck", on: fromUtc(d.checkedOn), summary: "Dental check" });

/** The SDQ score is on the DfE return and readable by every reader of this domain. */
export const sdqCompleted = (s: Sdq): NewEvent =>
  chronologyEntryRecorded(s.childId, {
    entryId: RECORD_ENTRY.SDQ(s.id),
    kind: "StrengthsAndDifficultiesQuestionnaire",
    on: fromUtc(s.completedOn),
    summary: `Strengths and Difficulties Questionnaire completed: score ${s.score}`,
  });

/** A consent decision: the kind, the decision, who and the basis — never the agency, the assessor or what was discussed. */
export const consentDecided = (c: Consent): NewEvent =>
  chronologyEntryRecorded(c.childId, {
    entryId: RECORD_ENTRY.CONSENT(c.id),
    kind: c.decision === "GIVEN" ? "ConsentGiven" : "ConsentRefused",
    on: fromUtc(c.givenOn),
    summary: `Consent to ${KIND_WORDS[c.kind]} ${c.decision === "GIVEN" ? "given" : "refused"} by ${BY_WORDS[c.givenBy]} (${BASIS_WORDS[c.basis]})`,
  });

export const opticianChecked = (o: OpticianCheck): NewEvent =>
  chronologyEntryRecorded(o.childId, { entryId: RECORD_ENTRY.OPTICIAN_CHECK(o.id), kind: "SightTest", on: fromUtc(o.checkedOn), summary: "Sight test by an optician" });

/** A record voided as entered in error: the chronology forgets the entry it published. */
export const recordVoided = (childId: string, kind: keyof typeof RECORD_ENTRY, id: string): NewEvent =>
  chronologyEntryWithdrawn(childId, RECORD_ENTRY[kind](id), "health record voided as entered in error");
