import { addDays, ageOn, compareDates, LocalDate } from "@caregraph/platform/calendar";

type Run = (query: string, input: Record<string, unknown>) => Promise<unknown>;

/**
 * The health profile beyond assessments and immunisations: GP and dentist registrations (a child
 * left unregistered shows the registration tasks), a CAMHS referral with its waiting time, an
 * allergy (special category data), and a consent decision on each lawful basis — the local
 * authority under a care order, a 16- or 17-year-old presumed able, a younger child found
 * Gillick competent.
 */
export async function seedHealthProfile(run: Run, i: number, childId: string, dateOfBirth: LocalDate, lookedAfterSince: LocalDate, underCareOrder: boolean, today: LocalDate) {
  const registeredOn = addDays(lookedAfterSince, 7);
  if (i % 4 !== 3 && compareDates(registeredOn, today) < 0) {
    await run(`mutation($input: RecordRegistrationInput!) { recordRegistration(input: $input) { kind } }`, { childId, kind: "GP", practice: "Riverside Medical Practice (synthetic)", registeredOn });
    if (i % 2 === 0) await run(`mutation($input: RecordRegistrationInput!) { recordRegistration(input: $input) { kind } }`, { childId, kind: "DENTIST", practice: "Castle Street Dental (synthetic)", registeredOn });
  }
  const age = ageOn(dateOfBirth, today);
  if (i % 4 === 1 && age >= 5) {
    await run(`mutation($input: RecordCamhsReferralInput!) { recordCamhsReferral(input: $input) { id } }`, { childId, referredOn: addDays(today, -40) });
  }
  if (i % 5 === 0) {
    await run(`mutation($input: RecordMedicalHistoryInput!) { recordMedicalHistory(input: $input) { id } }`, { childId, kind: "ALLERGY", description: "Penicillin (synthetic)", since: addDays(dateOfBirth, 400) });
  }
  const givenOn = addDays(today, -3);
  const consent = { childId, kind: "IMMUNISATION", decision: "GIVEN", givenOn };
  if (age >= 16) await run(CONSENT, { ...consent, givenBy: "CHILD" });
  else if (age >= 12 && i % 2 === 0) {
    await run(CONSENT, { ...consent, givenBy: "CHILD", gillickAssessment: { assessedOn: givenOn, assessedBy: "LAC nurse (synthetic)", about: "the school-year immunisations" } });
  } else if (underCareOrder) await run(CONSENT, { ...consent, givenBy: "LOCAL_AUTHORITY" });
}

const CONSENT = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;
