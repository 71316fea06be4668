import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { collect, eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { education } from "../src/service";

const env = serviceUnderTest(education);
const TENANT = "E09000027";

beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

const childEvent = (type: string, childId: string, payload: Record<string, unknown>) =>
  envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const placementEvent = (childId: string, payload: Record<string, unknown>) =>
  envelope({ type: "PlacementStarted", childId, payload }, { tenant: TENANT, source: "placements", actor: "test" });
const send = (topic: string, ...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), topic, events);

async function lookedAfterChild(since: string, dateOfBirth = "2014-03-03") {
  const id = randomUUID();
  await send(
    eventsTopic("children"),
    childEvent("ChildRegistered", id, { dateOfBirth, lookedAfterSince: since }),
    childEvent("ChildBecameLookedAfter", id, { date: since, legalStatus: "C2" }),
  );
  return id;
}

type Pep = { id: string; kind: string; dueDate: string; completedOn: string | null; cancelledOn: string | null; status: string; explanation: string };
type Att = { term: string; percentage: number; persistentAbsence: boolean };
const EDUCATION = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
  education { peps { id kind dueDate completedOn cancelledOn status explanation } attendance { term percentage persistentAbsence } } } } }`;
async function record(childId: string) {
  const r = await env.svc.query<{ _entities: ({ education: { peps: Pep[]; attendance: Att[] } } | null)[] }>(env.token, EDUCATION, {
    reps: [{ __typename: "Child", id: childId }],
  });
  return r.data?._entities[0]?.education ?? { peps: [], attendance: [] };
}
const peps = async (childId: string) => (await record(childId)).peps;
const until = (childId: string, n: number) =>
  eventually(async () => {
    const p = await peps(childId);
    return p.length >= n ? p : undefined;
  });

const RECORD_PEP = `mutation($input: RecordPersonalEducationPlanInput!) { recordPersonalEducationPlan(input: $input) { id kind completedOn status } }`;
const RECORD_ATT = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { term percentage persistentAbsence } }`;

it("becoming looked after on 15 December 2025 makes the first PEP due on 15 January 2026, with workings", async () => {
  const id = await lookedAfterChild("2025-12-15");
  const [pep] = await until(id, 1);
  expect(pep).toMatchObject({ kind: "INITIAL", dueDate: "2026-01-15", status: "OVERDUE" });
  expect(pep?.explanation).toBe(
    "Personal education plan due 15 Jan 2026: 20 working days after becoming looked after on 15 Dec 2025 (bank holidays 25 Dec, 26 Dec, 1 Jan skipped)",
  );
});

it("a baby who comes into care has no PEP due until 20 working days after the 3rd birthday (PEPs start at 3)", async () => {
  const id = await lookedAfterChild("2025-06-01", "2023-12-10");
  const [pep] = await until(id, 1);
  expect(pep).toMatchObject({ kind: "INITIAL", dueDate: "2027-01-12", status: "DUE" });
  expect(pep?.explanation).toBe(
    "Personal education plan due 12 Jan 2027: 20 working days after the 3rd birthday (PEPs start at 3; looked after since before then) on 10 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
  );
});

it("recording the first PEP completes it and schedules the termly review for the end of the next term", async () => {
  const id = await lookedAfterChild("2026-10-01");
  await until(id, 1);
  const r = await env.svc.query<{ recordPersonalEducationPlan: Pep }>(env.token, RECORD_PEP, { input: { childId: id, completedOn: "2026-10-20" } });
  expect(r.errors).toBeUndefined();
  expect(r.data?.recordPersonalEducationPlan).toMatchObject({ kind: "INITIAL", completedOn: "2026-10-20", status: "COMPLETED" });
  const review = (await peps(id)).find((p) => p.kind === "REVIEW");
  expect(review).toMatchObject({ dueDate: "2027-03-19", status: "DUE" });
  expect(review?.explanation).toContain("the end of the spring term 2027");
});

it.each([
  [{ completedOn: "2099-01-01" }, "input.completedOn", "NOT_IN_FUTURE"],
  [{ completedOn: "2010-01-01" }, "input.completedOn", "NOT_BEFORE_BIRTH"],
])("refuses a PEP %j naming %s / %s, and writes nothing", async (bad, field, rule) => {
  const id = await lookedAfterChild("2026-09-01");
  await until(id, 1);
  const r = await env.svc.query(env.token, RECORD_PEP, { input: { childId: id, ...bad } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect(await peps(id)).toMatchObject([{ kind: "INITIAL", completedOn: null }]);
});

it("ceasing to be looked after cancels the open PEP and school stability check, and tells the work tray", async () => {
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("education")]);
  try {
    const id = await lookedAfterChild("2026-11-02");
    await until(id, 1);
    await send(eventsTopic("placements"), placementEvent(id, { placementId: randomUUID(), isMove: true, startDate: "2026-12-23" }));
    const stability = await eventually(async () =>
      listener.events().find((e) => e.childId === id && (e.payload as { task?: string }).task === "SchoolStability"),
    );
    expect(stability).toMatchObject({
      type: "StatutoryTaskScheduled",
      source: "education",
      payload: { task: "SchoolStability", dueDate: "2027-01-04", assignedRole: "EDUCATION_COORDINATOR" },
    });
    const first = listener.events().find((e) => e.childId === id && (e.payload as { task?: string }).task === "PersonalEducationPlan");
    expect(first).toMatchObject({ type: "StatutoryTaskScheduled", payload: { dueDate: "2026-11-30" } });
    await send(eventsTopic("children"), childEvent("ChildCeasedLookedAfter", id, { endDate: "2026-11-20", reason: "E11" }));
    const cancelled = await eventually(async () => {
      const c = listener.events().filter((e) => e.childId === id && e.type === "StatutoryTaskCancelled");
      return c.length >= 2 ? c : undefined;
    });
    expect(cancelled.map((e) => (e.payload as { task: string }).task).sort()).toEqual(["PersonalEducationPlan", "SchoolStability"]);
    expect(cancelled[0]?.payload).toMatchObject({ reason: "ceased to be looked after" });
    expect(await peps(id)).toMatchObject([{ status: "CANCELLED", cancelledOn: "2026-11-20" }]);
  } finally {
    await listener.stop();
  }
});

it("a placement that is not a move raises no school stability check", async () => {
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("education")]);
  try {
    const id = await lookedAfterChild("2026-11-02");
    await send(eventsTopic("placements"), placementEvent(id, { placementId: randomUUID(), isMove: false, startDate: "2026-11-02" }));
    const marker = childEvent("ChildRestored", id, {});
    await send(eventsTopic("children"), marker);
    await eventually(async () => listener.events().find((e) => e.childId === id));
    await until(id, 1);
    expect(listener.events().filter((e) => e.childId === id && (e.payload as { task?: string }).task === "SchoolStability")).toHaveLength(0);
  } finally {
    await listener.stop();
  }
});

it("attendance per term: percentage and persistent absence below 90%; recording a term again replaces it", async () => {
  const id = await lookedAfterChild("2026-09-01");
  await until(id, 1);
  const a = await env.svc.query<{ recordAttendance: Att }>(env.token, RECORD_ATT, {
    input: { childId: id, term: "SUMMER 2026", possibleSessions: 120, attendedSessions: 100 },
  });
  expect(a.errors).toBeUndefined();
  expect(a.data?.recordAttendance).toEqual({ term: "SUMMER 2026", percentage: 83.3, persistentAbsence: true });
  await env.svc.query(env.token, RECORD_ATT, { input: { childId: id, term: "autumn 2026", possibleSessions: 100, attendedSessions: 95 } });
  await env.svc.query(env.token, RECORD_ATT, { input: { childId: id, term: "AUTUMN 2026", possibleSessions: 100, attendedSessions: 90 } });
  expect((await record(id)).attendance).toEqual([
    { term: "AUTUMN 2026", percentage: 90, persistentAbsence: false },
    { term: "SUMMER 2026", percentage: 83.3, persistentAbsence: true },
  ]);
});

it.each([
  [{ term: "AUTUMN 2026", possibleSessions: 100, attendedSessions: 101 }, "input.attendedSessions", "NOT_ABOVE_POSSIBLE"],
  [{ term: "AUTUMN 2026", possibleSessions: 0, attendedSessions: 0 }, "input.possibleSessions", "POSITIVE_WHOLE_NUMBER"],
  [{ term: "AUTUMN 2026", possibleSessions: 10, attendedSessions: -1 }, "input.attendedSessions", "NOT_NEGATIVE"],
  [{ term: "Michaelmas", possibleSessions: 10, attendedSessions: 5 }, "input.term", "TERM_FORMAT"],
  [{ term: "SPRING 2027", possibleSessions: 10, attendedSessions: 5 }, "input.term", "TERM_STARTED"],
])("refuses attendance %j naming %s / %s, and writes nothing", async (bad, field, rule) => {
  const id = await lookedAfterChild("2026-09-01");
  await until(id, 1);
  const r = await env.svc.query(env.token, RECORD_ATT, { input: { childId: id, ...bad } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect((await record(id)).attendance).toEqual([]);
});

type School = { schoolName: string; urn: string | null; startDate: string; endDate: string | null; designatedTeacher: string | null; isMove: boolean };
const RECORD_SCHOOL = `mutation($input: RecordSchoolInput!) { recordSchool(input: $input) { id schoolName urn startDate endDate designatedTeacher isMove } }`;
const SCHOOLS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { education {
  currentSchool { schoolName } schools { schoolName urn startDate endDate designatedTeacher isMove } schoolMoves } } } }`;
async function schools(childId: string) {
  const r = await env.svc.query<{ _entities: ({ education: { currentSchool: { schoolName: string } | null; schools: School[]; schoolMoves: number } } | null)[] }>(
    env.token,
    SCHOOLS,
    { reps: [{ __typename: "Child", id: childId }] },
  );
  return r.data?._entities[0]?.education;
}

it("recording a second school is a school move: the first enrolment ends on the new start date, and SchoolEnrolled is published", async () => {
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("education")]);
  try {
    const id = await lookedAfterChild("2026-09-01");
    await until(id, 1);
    const first = await env.svc.query<{ recordSchool: School }>(env.token, RECORD_SCHOOL, {
      input: { childId: id, schoolName: "Riverside Primary", urn: "100001", startDate: "2026-09-03", designatedTeacher: "Ms A Teacher" },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordSchool).toMatchObject({ isMove: false, endDate: null, designatedTeacher: "Ms A Teacher" });
    await env.svc.query(env.token, RECORD_SCHOOL, { input: { childId: id, schoolName: "Hilltop Academy", urn: "100002", startDate: "2026-11-16" } });
    expect(await schools(id)).toEqual({
      currentSchool: { schoolName: "Hilltop Academy" },
      schoolMoves: 1,
      schools: [
        { schoolName: "Hilltop Academy", urn: "100002", startDate: "2026-11-16", endDate: null, designatedTeacher: null, isMove: true },
        { schoolName: "Riverside Primary", urn: "100001", startDate: "2026-09-03", endDate: "2026-11-16", designatedTeacher: "Ms A Teacher", isMove: false },
      ],
    });
    const moved = await eventually(async () => listener.events().find((e) => e.childId === id && e.type === "SchoolEnrolled" && (e.payload as { isMove: boolean }).isMove));
    expect(moved.payload).toMatchObject({ urn: "100002", startDate: "2026-11-16", isMove: true });
    expect(JSON.stringify(moved.payload)).not.toContain("Hilltop");
  } finally {
    await listener.stop();
  }
});

it.each([
  [{ urn: "12345" }, "input.urn", "URN_FORMAT"],
  [{ startDate: "2099-01-01" }, "input.startDate", "NOT_IN_FUTURE"],
  [{ startDate: "2010-01-01" }, "input.startDate", "NOT_BEFORE_BIRTH"],
  [{ startDate: "2026-09-03" }, "input.startDate", "AFTER_CURRENT_SCHOOL"],
  [{ schoolName: "  " }, "input.schoolName", "REQUIRED"],
])("refuses a school %j naming %s / %s, and writes nothing", async (bad, field, rule) => {
  const id = await lookedAfterChild("2026-09-01");
  await until(id, 1);
  await env.svc.query(env.token, RECORD_SCHOOL, { input: { childId: id, schoolName: "Riverside Primary", startDate: "2026-09-03" } });
  const r = await env.svc.query(env.token, RECORD_SCHOOL, { input: { childId: id, schoolName: "Hilltop Academy", startDate: "2026-11-16", ...bad } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect(await schools(id)).toMatchObject({ schoolMoves: 0, schools: [{ schoolName: "Riverside Primary", endDate: null }] });
});

const OTHER = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { education {
  specialEducationalNeeds { provision startDate endDate } exclusions { kind startDate days } pupilPremiumPlus { term amountPence purpose } } } } }`;
type Other = { specialEducationalNeeds: unknown[]; exclusions: unknown[]; pupilPremiumPlus: unknown[] };
async function other(childId: string): Promise<Other | undefined> {
  const r = await env.svc.query<{ _entities: ({ education: Other } | null)[] }>(env.token, OTHER, { reps: [{ __typename: "Child", id: childId }] });
  return r.data?._entities[0]?.education;
}
const SEN = `mutation($input: RecordSpecialEducationalNeedsInput!) { recordSpecialEducationalNeeds(input: $input) { id provision } }`;
const EXCL = `mutation($input: RecordExclusionInput!) { recordExclusion(input: $input) { id kind days } }`;
const PPP = `mutation($input: RecordPupilPremiumPlusInput!) { recordPupilPremiumPlus(input: $input) { id term amountPence } }`;

it("records SEN provision, exclusions and Pupil Premium Plus, newest first", async () => {
  const id = await lookedAfterChild("2026-09-01");
  await until(id, 1);
  for (const [doc, input] of [
    [SEN, { provision: "SEN_SUPPORT", startDate: "2025-01-10", endDate: "2026-06-30" }],
    [SEN, { provision: "EHC_PLAN", startDate: "2026-07-01" }],
    [EXCL, { kind: "SUSPENSION", startDate: "2026-10-05", days: 3 }],
    [EXCL, { kind: "PERMANENT", startDate: "2026-11-20" }],
    [PPP, { term: "AUTUMN 2026", amountPence: 60000, purpose: "one-to-one maths tuition" }],
  ] as const) {
    const r = await env.svc.query(env.token, doc, { input: { childId: id, ...input } });
    expect(r.errors).toBeUndefined();
  }
  expect(await other(id)).toEqual({
    specialEducationalNeeds: [
      { provision: "EHC_PLAN", startDate: "2026-07-01", endDate: null },
      { provision: "SEN_SUPPORT", startDate: "2025-01-10", endDate: "2026-06-30" },
    ],
    exclusions: [
      { kind: "PERMANENT", startDate: "2026-11-20", days: null },
      { kind: "SUSPENSION", startDate: "2026-10-05", days: 3 },
    ],
    pupilPremiumPlus: [{ term: "AUTUMN 2026", amountPence: 60000, purpose: "one-to-one maths tuition" }],
  });
});

it.each([
  [SEN, { provision: "EHC_PLAN", startDate: "2026-07-01", endDate: "2026-06-30" }, "input.endDate", "NOT_BEFORE_START"],
  [SEN, { provision: "EHC_PLAN", startDate: "2099-07-01" }, "input.startDate", "NOT_IN_FUTURE"],
  [EXCL, { kind: "SUSPENSION", startDate: "2026-10-05", days: 46 }, "input.days", "SUSPENSION_DAYS_RANGE"],
  [EXCL, { kind: "SUSPENSION", startDate: "2026-10-05" }, "input.days", "DAYS_REQUIRED"],
  [EXCL, { kind: "PERMANENT", startDate: "2010-10-05" }, "input.startDate", "NOT_BEFORE_BIRTH"],
  [PPP, { term: "AUTUMN 2026", amountPence: 0, purpose: "tuition" }, "input.amountPence", "POSITIVE_WHOLE_NUMBER"],
  [PPP, { term: "AUTUMN 2026", amountPence: 100, purpose: "" }, "input.purpose", "REQUIRED"],
  [PPP, { term: "Lent", amountPence: 100, purpose: "tuition" }, "input.term", "TERM_FORMAT"],
])("refuses bad SEN / exclusion / PP+ input (case %#), naming the field and rule, and writes nothing", async (doc, input, field, rule) => {
  const id = await lookedAfterChild("2026-09-01");
  await until(id, 1);
  const r = await env.svc.query(env.token, doc, { input: { childId: id, ...input } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect(await other(id)).toEqual({ specialEducationalNeeds: [], exclusions: [], pupilPremiumPlus: [] });
});

it("every write is audited in the education schema against the child", async () => {
  const id = await lookedAfterChild("2026-09-01");
  await until(id, 1);
  await env.svc.query(env.token, RECORD_ATT, { input: { childId: id, term: "AUTUMN 2026", possibleSessions: 100, attendedSessions: 95 } });
  await env.svc.query(env.token, RECORD_PEP, { input: { childId: id, completedOn: "2026-09-20" } });
  const rows = await env.svc.service.deps.db.$queryRawUnsafe<{ action: string }[]>(
    `SELECT action FROM education.audit_entry WHERE child_id = $1 AND action NOT LIKE '%read%' ORDER BY action`,
    id,
  );
  expect(rows.map((r) => r.action)).toEqual(["attendance.recorded", "personal_education_plan.recorded"]);
});

it("a first PEP recorded as an emergency placement's is held to 10 working days", async () => {
  const id = await lookedAfterChild("2026-10-01");
  await until(id, 1);
  const r = await env.svc.query<{ recordPersonalEducationPlan: Pep }>(
    env.token,
    `mutation($input: RecordPersonalEducationPlanInput!) { recordPersonalEducationPlan(input: $input) { kind dueDate emergency explanation } }`,
    { input: { childId: id, completedOn: "2026-10-12", emergency: true } },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data?.recordPersonalEducationPlan).toEqual({
    kind: "INITIAL",
    dueDate: "2026-10-15",
    emergency: true,
    explanation: "Personal education plan due 15 Oct 2026: 10 working days after becoming looked after in an emergency placement on 1 Oct 2026",
  });
});
