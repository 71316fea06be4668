import { addDays, ageOn, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { eventually } from "@caregraph/platform/testing";

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
  } else if (underCareOrder) {
    // Health hears of the care order by event: wait for it.
    await eventually(() => run(CONSENT, { ...consent, givenBy: "LOCAL_AUTHORITY" }).catch(() => undefined), 15_000);
  }
}

const CONSENT = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;

/**
 * The local authority's commissioning, so `placementMatches` has something to rank: a children's
 * home rated good and two approved foster carers, each with an open vacancy in a different part
 * of the region (distance from home is part of the score).
 */
export async function seedCommissioning(ok: <T>(query: string, input: Record<string, unknown>) => Promise<T>, today: LocalDate) {
  const { recordProvider: home } = await ok<{ recordProvider: { id: string } }>(`mutation($input: RecordProviderInput!) { recordProvider(input: $input) { id } }`, {
    name: "Willowbrook House (synthetic)",
    urn: "SC990101",
    ofstedRating: "GOOD",
  });
  const carer = async (name: string, ageFrom: number, ageTo: number, maxChildren: number) =>
    (
      await ok<{ approveFosterCarer: { id: string } }>(`mutation($input: ApproveFosterCarerInput!) { approveFosterCarer(input: $input) { id } }`, {
        name,
        approvedOn: addDays(today, -400),
        ageFrom,
        ageTo,
        maxChildren,
        lastReviewedOn: addDays(today, -40),
      })
    ).approveFosterCarer.id;
  const younger = await carer("The Hartley household (synthetic)", 0, 11, 2);
  const older = await carer("The Okonjo household (synthetic)", 8, 17, 1);
  const VACANCY = `mutation($input: OpenVacancyInput!) { openVacancy(input: $input) { id } }`;
  await ok(VACANCY, { type: "K2", places: 1, ageFrom: 12, ageTo: 17, providerId: home.id, postcode: "CR0 2AA" });
  await ok(VACANCY, { type: "U4", places: 2, ageFrom: 0, ageTo: 11, fosterCarerId: younger, postcode: "TW9 2AB" });
  await ok(VACANCY, { type: "U6", places: 1, ageFrom: 8, ageTo: 17, fosterCarerId: older, postcode: "LU1 1AA" });
}

/** The child's home postcode, and where each placement is: one is over 20 miles away (LU1 from TW1). */
export const HOME_POSTCODE = "TW1 3QS";
export const placementPostcode = (i: number) => ["TW9 1AA", "CR0 1AA", "KT1 1AA", "LU1 1AA"][i % 4];

/** A letter on the child's file: requested, uploaded through the signed URL, attached. */
export async function seedDocument(gatewayUrl: string, ok: <T>(query: string, input: Record<string, unknown>) => Promise<T>, childId: string) {
  const bytes = Buffer.from("Synthetic letter confirming the child's school place.\n");
  const { requestDocumentUpload: up } = await ok<{ requestDocumentUpload: { uploadId: string; uploadUrl: string } }>(
    `mutation($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { uploadId uploadUrl } }`,
    { childId, fileName: "school-place-letter.txt", contentType: "text/plain", sizeBytes: bytes.length },
  );
  const put = await fetch(`${gatewayUrl.replace(/\/graphql$/, "")}${up.uploadUrl}`, { method: "PUT", headers: { "content-type": "text/plain" }, body: bytes });
  if (!put.ok) throw new Error(`seed: the document upload answered ${put.status}`);
  await ok(`mutation($input: AttachDocumentInput!) { attachDocument(input: $input) { id } }`, { childId, uploadId: up.uploadId, kind: "LETTER", title: "School place confirmed" });
}

/**
 * Beyond the caseload: the first child referred again by another team with the surname misspelt
 * (possibleDuplicates finds it; a team manager may merge the two), and a disabled child who is
 * not otherwise looked after, on a series of short breaks (DfE legal status V4, CPPCR 2010 reg 48).
 */
export async function seedBeyondCaseload(ok: <T>(query: string, input: Record<string, unknown>) => Promise<T>, first: { firstName: string; lastName: string; dateOfBirth: LocalDate; sex: string }, today: LocalDate) {
  const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`;
  await ok(REGISTER, { ...first, lastName: `${first.lastName}e` });
  const { registerChild } = await ok<{ registerChild: { id: string } }>(REGISTER, { firstName: "Tobias", lastName: "Wrenfield", dateOfBirth: addDays(today, -(11 * 365 + 40)), sex: "MALE" });
  const SHORT_BREAK = `mutation($input: RecordShortBreakInput!) { recordShortBreak(input: $input) { id } }`;
  // Placements hears of the child by event: the first short break waits for it.
  await eventually(async () => {
    try {
      return await ok(SHORT_BREAK, { childId: registerChild.id, startDate: addDays(today, -60), endDate: addDays(today, -58), legalStatus: "V4" });
    } catch {
      return undefined;
    }
  }, 15_000);
  await ok(SHORT_BREAK, { childId: registerChild.id, startDate: addDays(today, -30), endDate: addDays(today, -28), legalStatus: "V4" });
}

/** Brothers or sisters: placed together where they can be, so matching counts it. */
export async function seedSiblings(run: Run, childId: string, siblingId: string) {
  await run(`mutation($input: AddFamilyMemberInput!) { addFamilyMember(input: $input) { id } }`, {
    childId,
    name: "Sibling (synthetic)",
    relationship: "SIBLING",
    hasParentalResponsibility: false,
    linkedChildId: siblingId,
  });
}
