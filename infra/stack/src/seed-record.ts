import { addDays, ageOn, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { graphqlOk } from "./client";

type Run = (query: string, input: Record<string, unknown>) => Promise<unknown>;

/** The school term `on` falls in, as education names it ("AUTUMN 2026"); the summer holiday counts as summer. */
export function termOf(on: LocalDate): string {
  const year = Number(on.slice(0, 4));
  const month = Number(on.slice(5, 7));
  if (month >= 9) return `AUTUMN ${year}`;
  if (month <= 3) return `SPRING ${year}`;
  return `SUMMER ${year}`;
}

/**
 * Education for a school-age child (5 to 15): a school with its designated teacher, this term's
 * attendance (one child persistently absent), and for half of them the first PEP done on time.
 */
export async function seedEducation(run: Run, i: number, childId: string, dateOfBirth: LocalDate, lookedAfterSince: LocalDate, today: LocalDate) {
  const age = ageOn(dateOfBirth, today);
  if (age < 5 || age > 15) return;
  await run(`mutation($input: RecordSchoolInput!) { recordSchool(input: $input) { schoolName } }`, {
    childId,
    schoolName: ["Hollybank Primary", "Riverside Academy", "St Aldhelm's School"][i % 3],
    startDate: addDays(lookedAfterSince, -200),
    designatedTeacher: "Designated teacher (synthetic)",
  });
  const possibleSessions = 100;
  await run(`mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { percentage } }`, {
    childId,
    term: termOf(today),
    possibleSessions,
    attendedSessions: i % 4 === 2 ? 84 : 96,
  });
  if (i % 2 === 0 && compareDates(addDays(lookedAfterSince, 15), today) < 0) {
    await run(`mutation($input: RecordPersonalEducationPlanInput!) { recordPersonalEducationPlan(input: $input) { dueDate } }`, { childId, completedOn: addDays(lookedAfterSince, 15) });
  }
}

/**
 * A care leaver's record for a child aged 16 or 17 who is eligible: the needs assessment done,
 * what they are doing and where they live.
 */
export async function seedLeavingCare(gatewayUrl: string, token: string, run: Run, childId: string, today: LocalDate) {
  const lc = await graphqlOk<{ child: { leavingCare: { status: string; needsAssessmentDueDate: string | null } | null } }>(
    gatewayUrl,
    token,
    `query($id: ID!) { child(id: $id) { leavingCare { status needsAssessmentDueDate } } }`,
    { id: childId },
  );
  if (lc.child.leavingCare?.status !== "ELIGIBLE") return;
  await run(`mutation($input: RecordNeedsAssessmentInput!) { recordNeedsAssessment(input: $input) { status } }`, { childId, completedOn: addDays(today, -20) });
  await run(`mutation($input: RecordCareLeaverCircumstancesInput!) { recordCareLeaverCircumstances(input: $input) { status } }`, {
    childId,
    recordedOn: addDays(today, -20),
    activity: "F2",
    accommodation: "C",
    accommodationSuitable: true,
  });
}

/**
 * Family and contact: every child has a mother with parental responsibility; most have a father
 * on the birth certificate; a grandparent for some. Contact with the mother is arranged from the
 * day care began, supervised for the children under a care order.
 */
export async function seedFamily(run: Run, i: number, childId: string, lookedAfterSince: LocalDate, underCareOrder: boolean) {
  const mother = (await run(`mutation($input: AddFamilyMemberInput!) { addFamilyMember(input: $input) { id } }`, {
    childId,
    name: `Mother of child ${i + 1} (synthetic)`,
    relationship: "MOTHER",
    hasParentalResponsibility: true,
    parentalResponsibilityBasis: "BIRTH_MOTHER",
  })) as { addFamilyMember: { id: string } };
  if (i % 3 !== 2) {
    await run(`mutation($input: AddFamilyMemberInput!) { addFamilyMember(input: $input) { id } }`, {
      childId,
      name: `Father of child ${i + 1} (synthetic)`,
      relationship: "FATHER",
      hasParentalResponsibility: i % 3 === 0,
      parentalResponsibilityBasis: i % 3 === 0 ? "FATHER_ON_BIRTH_CERTIFICATE" : null,
    });
  }
  if (i % 4 === 1) {
    await run(`mutation($input: AddFamilyMemberInput!) { addFamilyMember(input: $input) { id } }`, {
      childId,
      name: `Grandparent of child ${i + 1} (synthetic)`,
      relationship: "GRANDPARENT",
      hasParentalResponsibility: false,
    });
  }
  await run(`mutation($input: RecordContactArrangementInput!) { recordContactArrangement(input: $input) { id } }`, {
    childId,
    familyMemberId: mother.addFamilyMember.id,
    kind: "FACE_TO_FACE",
    frequency: { times: 1, period: underCareOrder ? "FORTNIGHT" : "WEEK" },
    supervision: underCareOrder ? "SUPERVISED" : "SUPPORTED",
    basis: "AGREED",
    startDate: lookedAfterSince,
  });
}

/** An unaccompanied asylum-seeking child's record: UASC leave granted, an age assessment accepted. */
export async function seedUasc(run: Run, childId: string, lookedAfterSince: LocalDate, today: LocalDate) {
  await run(`mutation($input: RecordImmigrationStatusInput!) { recordImmigrationStatus(input: $input) { id } }`, {
    childId,
    status: "UASC_LEAVE",
    decidedOn: addDays(lookedAfterSince, 120),
    leaveExpiresOn: addDays(today, 200),
  });
  await run(`mutation($input: RecordAgeAssessmentInput!) { recordAgeAssessment(input: $input) { id } }`, {
    childId,
    assessedOn: addDays(lookedAfterSince, 40),
    outcome: "ACCEPTED",
    assessors: ["Assessing social worker (synthetic)", "Second assessor (synthetic)"],
    childInformedOn: addDays(lookedAfterSince, 42),
  });
}

/**
 * Health beyond the assessments: the first MMR at 13 months for children old enough, a dental
 * check a month into care for half, an SDQ for some of the 4- to 16-year-olds; and the placement
 * plan prepared within the week for half the caseload (the rest show it in the tray).
 */
export async function seedHealthAndPlacement(run: Run, i: number, childId: string, placementId: string, dateOfBirth: LocalDate, placedOn: LocalDate, today: LocalDate) {
  const mmr = addDays(dateOfBirth, 400);
  if (compareDates(mmr, today) < 0) await run(`mutation($input: RecordImmunisationInput!) { recordImmunisation(input: $input) { id } }`, { childId, vaccine: "MMR", givenOn: mmr });
  const dental = addDays(placedOn, 30);
  if (i % 2 === 0 && compareDates(dental, today) < 0) await run(`mutation($input: RecordDentalCheckInput!) { recordDentalCheck(input: $input) { id } }`, { childId, checkedOn: dental });
  const sdq = addDays(placedOn, 20);
  const age = ageOn(dateOfBirth, sdq);
  if (i % 3 === 0 && age >= 4 && age <= 16 && compareDates(sdq, today) < 0) {
    await run(`mutation($input: RecordSdqInput!) { recordSdq(input: $input) { id } }`, { childId, score: 10 + (i % 7), completedOn: sdq });
  }
  const plan = addDays(placedOn, 3);
  if (i % 2 === 1 && compareDates(plan, today) < 0) await run(`mutation($input: RecordPlacementPlanInput!) { recordPlacementPlan(input: $input) { id } }`, { placementId, preparedOn: plan });
}
