import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { chronologyEvents, eventually, outboxEvents, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { health } from "../src/service";

/** Issue 12: immunisations, dental checks, SDQs and consent, through the subgraph as the gateway calls it. */
const env = serviceUnderTest(health);
const TENANT = "E09000027";
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

const ev = (type: string, childId: string, payload: Record<string, unknown>, tenant = TENANT) =>
  envelope({ type, childId, payload }, { tenant, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);
const processed = (eventId: string) =>
  eventually(async () => (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.processed_event WHERE event_id = $1::uuid", eventId)).length === 1);

/** A child registered (and looked after from `since`, unless null), as the children domain announces it. */
async function child(dateOfBirth: string, since: string | null = "2026-01-05") {
  const id = randomUUID();
  const events = [ev("ChildRegistered", id, { dateOfBirth, lookedAfterSince: since }), ...(since ? [ev("ChildBecameLookedAfter", id, { date: since, legalStatus: "C2" })] : [])];
  await send(...events);
  await processed(events.at(-1)!.id);
  return id;
}

const mutate = (op: string, type: string, input: Record<string, unknown>, fields = "id") =>
  env.svc.query<Record<string, Record<string, unknown>>>(env.token, `mutation($input: ${type}!) { ${op}(input: $input) { ${fields} } }`, { input });

type Summary = { immunisationsUpToDate: boolean; immunisationsOutstanding: string[]; nextDentalCheckDue: string | null; nextDentalCheckWorkings: string | null; latestSdq: { score: number; completedOn: string } | null; nextSdqDue: string | null };
async function summary(childId: string): Promise<Summary> {
  const r = await env.svc.query<{ _entities: ({ healthSummary: Summary } | null)[] }>(
    env.token,
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { healthSummary { immunisationsUpToDate immunisationsOutstanding nextDentalCheckDue nextDentalCheckWorkings latestSdq { score completedOn } nextSdqDue } } } }`,
    { reps: [{ __typename: "Child", id: childId }] },
  );
  if (!r.data?._entities[0]) throw new Error(JSON.stringify(r.errors));
  return r.data._entities[0].healthSummary;
}
const tasks = async (childId: string, task = "DentalCheck") =>
  (await outboxEvents(env.svc.service.deps.db, "health", childId))
    .filter((e) => e.type.startsWith("StatutoryTask") && (e.payload as { task: string }).task === task)
    .map((e) => ({ type: e.type, ...(e.payload as { task: string; dueDate: string; explanation: string }) }));
const rows = async (table: string, childId: string) =>
  (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM health.${table} WHERE child_id = $1::uuid`, childId)).length;

describe("immunisations", () => {
  it("a 4-year-old with the routine doses but the pre-school booster is not up to date; the booster makes them so", async () => {
    const id = await child("2022-06-10");
    const course = ["6-in-1", "6-in-1", "6-in-1", "Rotarix", "Rotarix", "MenB", "MenB", "MenB", "PCV", "PCV", "Hib/MenC", "MMR", "Priorix"];
    for (const vaccine of course) expect((await mutate("recordImmunisation", "RecordImmunisationInput", { childId: id, vaccine, givenOn: "2023-06-10" })).errors).toBeUndefined();
    expect(await summary(id)).toMatchObject({ immunisationsUpToDate: false, immunisationsOutstanding: ["4-in-1 dose 1 (due 10 Oct 2025)"] });
    const r = await mutate("recordImmunisation", "RecordImmunisationInput", { childId: id, vaccine: "Repevax", givenOn: "2026-11-30" }, "id vaccine givenOn");
    expect(r.data?.recordImmunisation).toMatchObject({ vaccine: "Repevax", givenOn: "2026-11-30" });
    expect(await summary(id)).toMatchObject({ immunisationsUpToDate: true, immunisationsOutstanding: [] });
    expect((await chronologyEvents(env.svc.service.deps.db, "health", id)).at(-1)).toMatchObject({ kind: "Immunisation", on: "2026-11-30", summary: "Immunisation given: 4-in-1" });
    await mutate("recordImmunisation", "RecordImmunisationInput", { childId: id, vaccine: "Hepatitis A (travel; child anxious)", givenOn: "2026-11-30" });
    expect((await chronologyEvents(env.svc.service.deps.db, "health", id)).at(-1)).toMatchObject({ summary: "Immunisation given: a vaccine outside the routine schedule" });
  });

  it.each([
    [{ vaccine: "  ", givenOn: "2026-11-01" }, "input.vaccine", "REQUIRED"],
    [{ vaccine: "MMR", givenOn: "2026-12-02" }, "input.givenOn", "NOT_IN_FUTURE"],
    [{ vaccine: "MMR", givenOn: "2022-06-09" }, "input.givenOn", "NOT_BEFORE_BIRTH"],
  ])("refuses %j naming %s / %s, and writes nothing", async (bad, field, rule) => {
    const id = await child("2022-06-10");
    const r = await mutate("recordImmunisation", "RecordImmunisationInput", { childId: id, ...bad });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    expect(await rows("immunisation", id)).toBe(0);
  });
});

describe("dental checks", () => {
  it("a check makes the next due 12 months on, a task in the work tray; the next check completes it and schedules the one after", async () => {
    const id = await child("2015-02-28");
    expect((await summary(id)).nextDentalCheckDue).toBeNull();
    const r = await mutate("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2025-12-20" }, "id checkedOn");
    expect(r.data?.recordDentalCheck).toMatchObject({ checkedOn: "2025-12-20" });
    expect(await summary(id)).toMatchObject({ nextDentalCheckDue: "2026-12-20", nextDentalCheckWorkings: "12 months after the last dental check on 20 Dec 2025" });
    await mutate("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2026-11-27" });
    // An older check recorded late changes nothing: the clock runs from the latest.
    await mutate("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2026-03-01" });
    expect((await summary(id)).nextDentalCheckDue).toBe("2027-11-27");
    expect(await tasks(id)).toEqual([
      expect.objectContaining({ type: "StatutoryTaskScheduled", task: "DentalCheck", dueDate: "2026-12-20", explanation: "Dental check due 20 Dec 2026: 12 months after the last dental check on 20 Dec 2025" }),
      expect.objectContaining({ type: "StatutoryTaskCompleted", task: "DentalCheck", dueDate: "2026-12-20", completedOn: "2026-11-27" }),
      expect.objectContaining({ type: "StatutoryTaskScheduled", task: "DentalCheck", dueDate: "2027-11-27" }),
    ]);
    expect((await chronologyEvents(env.svc.service.deps.db, "health", id)).filter((e) => e.kind === "DentalCheck")).toHaveLength(3);
  });

  it("a child who is not looked after gets the due date but no task; leaving care cancels an open one", async () => {
    const notLooked = await child("2015-02-28", null);
    await mutate("recordDentalCheck", "RecordDentalCheckInput", { childId: notLooked, checkedOn: "2026-06-01" });
    expect((await summary(notLooked)).nextDentalCheckDue).toBe("2027-06-01");
    expect(await tasks(notLooked)).toEqual([]);
    const id = await child("2015-02-28");
    await mutate("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2026-06-01" });
    const ceased = ev("ChildCeasedLookedAfter", id, { endDate: "2026-11-20", reasonEpisodeCeased: "E11" });
    await send(ceased);
    await processed(ceased.id);
    expect((await tasks(id)).at(-1)).toMatchObject({ type: "StatutoryTaskCancelled", task: "DentalCheck", reason: "ceased to be looked after" });
  });

  it("refuses a future check naming input.checkedOn, and writes nothing", async () => {
    const id = await child("2015-02-28");
    const r = await mutate("recordDentalCheck", "RecordDentalCheckInput", { childId: id, checkedOn: "2026-12-02" });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.checkedOn", rule: "NOT_IN_FUTURE" });
    expect(await rows("dental_check", id)).toBe(0);
  });
});

describe("sight tests", () => {
  it("a sight test makes the next due 12 months on, a SightTest task; a future one is refused", async () => {
    const id = await child("2015-02-28");
    const r = await mutate("recordOpticianCheck", "RecordOpticianCheckInput", { childId: id, checkedOn: "2026-02-28" }, "id checkedOn");
    expect(r.data?.recordOpticianCheck).toMatchObject({ checkedOn: "2026-02-28" });
    const s = await env.svc.query<{ _entities: { healthSummary: { nextOpticianCheckDue: string } }[] }>(
      env.token,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { healthSummary { nextOpticianCheckDue } } } }`,
      { reps: [{ __typename: "Child", id }] },
    );
    expect(s.data?._entities[0]?.healthSummary.nextOpticianCheckDue).toBe("2027-02-28");
    const t = (await outboxEvents(env.svc.service.deps.db, "health", id)).filter((e) => (e.payload as { task?: string }).task === "SightTest");
    expect(t.map((e) => [e.type, (e.payload as { dueDate: string }).dueDate])).toEqual([["StatutoryTaskScheduled", "2027-02-28"]]);
    const bad = await mutate("recordOpticianCheck", "RecordOpticianCheckInput", { childId: id, checkedOn: "2026-12-02" });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.checkedOn", rule: "NOT_IN_FUTURE" });
    expect(await rows("optician_check", id)).toBe(1);
  });
});

describe("the Strengths and Difficulties Questionnaire", () => {
  it("the latest SDQ is in the summary with the next due a year on (a task); the score is in the chronology", async () => {
    const id = await child("2014-05-01");
    await mutate("recordSdq", "RecordSdqInput", { childId: id, score: 14, completedOn: "2026-02-28" });
    const r = await mutate("recordSdq", "RecordSdqInput", { childId: id, score: 0, completedOn: "2025-02-28" }, "id score completedOn");
    expect(r.data?.recordSdq).toMatchObject({ score: 0, completedOn: "2025-02-28" });
    expect(await summary(id)).toMatchObject({ latestSdq: { score: 14, completedOn: "2026-02-28" }, nextSdqDue: "2027-02-28" });
    // Looked after from 5 Jan 2026 aged 11: the first SDQ was due a year on; this one completes it.
    expect((await tasks(id, "StrengthsAndDifficultiesQuestionnaire")).map((t) => [t.type, t.dueDate])).toEqual([
      ["StatutoryTaskScheduled", "2027-01-05"],
      ["StatutoryTaskCompleted", "2027-01-05"],
      ["StatutoryTaskScheduled", "2027-02-28"],
    ]);
    expect((await chronologyEvents(env.svc.service.deps.db, "health", id)).map((e) => e.summary)).toEqual([
      "Strengths and Difficulties Questionnaire completed: score 14",
      "Strengths and Difficulties Questionnaire completed: score 0",
    ]);
  });

  it.each([
    [41, "2026-06-01", "input.score", "SDQ_SCORE_RANGE"],
    [20, "2026-05-31", "input.completedOn", "SDQ_AGE_4_TO_16"], // the day before the 4th birthday
  ])("refuses score %d on %s naming %s / %s, and writes nothing", async (score, completedOn, field, rule) => {
    const id = await child("2022-06-01");
    const r = await mutate("recordSdq", "RecordSdqInput", { childId: id, score, completedOn });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    expect(await rows("sdq", id)).toBe(0);
  });
});

it.each([
  ["2015-06-01", "2026-01-05", "2027-01-05", "Strengths and Difficulties Questionnaire due 5 Jan 2027: 12 months after becoming looked after on 5 Jan 2026"],
  ["2023-03-01", "2026-01-05", "2027-03-01", "Strengths and Difficulties Questionnaire due 1 Mar 2027: the 4th birthday on 1 Mar 2027 (SDQs are for children aged 4 to 16)"],
  ["2010-01-01", "2026-01-05", null, null], // 17 before the year is out: none
])("a child born %s looked after from %s: first SDQ due %s", async (dob, since, due, explanation) => {
  const id = await child(dob, since);
  const first = await tasks(id, "StrengthsAndDifficultiesQuestionnaire");
  expect(first.map((t) => [t.dueDate, t.explanation])).toEqual(due ? [[due, explanation]] : []);
});

describe("consent", () => {
  const FIELDS = "id kind decision givenBy basis givenOn agency gillickAssessment { assessedOn assessedBy about }";
  it("a 13-year-old's own consent with no competence assessment is refused, naming input.gillickAssessment; with one it is recorded", async () => {
    const id = await child("2013-06-15");
    const input = { childId: id, kind: "MEDICAL_TREATMENT", decision: "GIVEN", givenBy: "CHILD", givenOn: "2026-11-02" };
    const refused = await mutate("recordConsent", "RecordConsentInput", input);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.gillickAssessment", rule: "GILLICK_COMPETENCE_REQUIRED" });
    expect(refused.errors?.[0]?.message).toMatch(/Family Law Reform Act 1969 s\.8/);
    expect(await rows("consent", id)).toBe(0);
    const gillickAssessment = { assessedOn: "2026-11-01", assessedBy: "Dr A Example, GP", about: "contraceptive advice" };
    const ok = await mutate("recordConsent", "RecordConsentInput", { ...input, gillickAssessment }, FIELDS);
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.recordConsent).toMatchObject({ basis: "GILLICK_COMPETENT", gillickAssessment });
    const entry = (await chronologyEvents(env.svc.service.deps.db, "health", id)).at(-1);
    expect(entry).toMatchObject({ kind: "ConsentGiven", on: "2026-11-02", summary: "Consent to medical treatment given by the child (assessed as Gillick competent)" });
    expect(JSON.stringify(entry)).not.toMatch(/contraceptive|Example/);
  });

  it("a 16-year-old is presumed able; the local authority refuses sharing with a named agency under a care order", async () => {
    const id = await child("2010-11-02");
    const own = await mutate("recordConsent", "RecordConsentInput", { childId: id, kind: "IMMUNISATION", decision: "GIVEN", givenBy: "CHILD", givenOn: "2026-11-02" }, FIELDS);
    expect(own.data?.recordConsent).toMatchObject({ basis: "PRESUMED_COMPETENT_16_17", gillickAssessment: null });
    const la = await mutate(
      "recordConsent",
      "RecordConsentInput",
      { childId: id, kind: "SHARING_WITH_AGENCY", agency: "Example Youth Service", decision: "REFUSED", givenBy: "LOCAL_AUTHORITY", givenOn: "2026-11-03" },
      FIELDS,
    );
    expect(la.data?.recordConsent).toMatchObject({ decision: "REFUSED", basis: "CARE_ORDER", agency: "Example Youth Service" });
    expect((await chronologyEvents(env.svc.service.deps.db, "health", id)).at(-1)).toMatchObject({ kind: "ConsentRefused", summary: "Consent to sharing health information refused by the local authority (care order)" });
  });
});

describe("consent by a person with parental responsibility, as the family domain records it", () => {
  it("a named family member must hold parental responsibility on the day; one whose PR ended is refused", async () => {
    const id = await child("2015-03-03");
    const mother = randomUUID();
    const uncle = randomUUID();
    const family = (type: string, payload: Record<string, unknown>) => envelope({ type, childId: id, payload }, { tenant: TENANT, source: "family", actor: "test" });
    const last = family("ParentalResponsibilityChanged", { familyMemberId: uncle, relationship: "UNCLE", hasParentalResponsibility: false, parentalResponsibilityBasis: null, effectiveOn: "2026-10-01" });
    await publish(testKafka(env.broker.bootstrapServers), eventsTopic("family"), [
      family("FamilyMemberAdded", { familyMemberId: mother, relationship: "MOTHER", hasParentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER", linkedChildId: null }),
      family("FamilyMemberAdded", { familyMemberId: uncle, relationship: "UNCLE", hasParentalResponsibility: true, parentalResponsibilityBasis: "CHILD_ARRANGEMENTS_ORDER", linkedChildId: null }),
      last,
    ]);
    await processed(last.id);
    const input = { childId: id, kind: "IMMUNISATION", decision: "GIVEN", givenBy: "PARENT", givenOn: "2026-11-02" };
    const byUncle = await mutate("recordConsent", "RecordConsentInput", { ...input, familyMemberId: uncle });
    expect(byUncle.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.familyMemberId", rule: "PARENTAL_RESPONSIBILITY_REQUIRED" });
    const stranger = await mutate("recordConsent", "RecordConsentInput", { ...input, familyMemberId: randomUUID() });
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ field: "input.familyMemberId", rule: "PARENTAL_RESPONSIBILITY_REQUIRED" });
    expect(await rows("consent", id)).toBe(0);
    const byMother = await mutate("recordConsent", "RecordConsentInput", { ...input, familyMemberId: mother.toUpperCase() }, "basis familyMemberId");
    expect(byMother.data?.recordConsent).toEqual({ basis: "PARENTAL_RESPONSIBILITY", familyMemberId: mother });
  });
});
