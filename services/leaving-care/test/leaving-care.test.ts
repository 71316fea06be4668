import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { collect, eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { runDailyCheck } from "../src/daily-check";
import { leavingCare } from "../src/service";

const env = serviceUnderTest(leavingCare);
const TENANT = "E09000027";

const childEvent = (type: string, childId: string, payload: Record<string, unknown>) =>
  envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);

type LC = {
  status: string;
  reason: string;
  eligibleFrom: string | null;
  personalAdviserId: string | null;
  needsAssessmentDueDate: string | null;
  needsAssessmentExplanation: string | null;
  pathwayPlanReviewDueDate: string | null;
};
const FIELDS = "status reason eligibleFrom personalAdviserId needsAssessmentDueDate needsAssessmentExplanation pathwayPlanReviewDueDate";
const QUERY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { leavingCare { ${FIELDS} } } } }`;
async function leavingCareOf(childId: string): Promise<LC | null> {
  const r = await env.svc.query<{ _entities: ({ leavingCare: LC | null } | null)[] }>(env.token, QUERY, { reps: [{ __typename: "Child", id: childId }] });
  return r.data?._entities[0]?.leavingCare ?? null;
}
const NEEDS = `mutation($input: RecordNeedsAssessmentInput!) { recordNeedsAssessment(input: $input) { ${FIELDS} } }`;
const REVIEW = `mutation($input: RecordPathwayPlanReviewInput!) { recordPathwayPlanReview(input: $input) { ${FIELDS} } }`;

async function child(dateOfBirth: string, lookedAfterSince: string) {
  const id = randomUUID();
  await send(
    childEvent("ChildRegistered", id, { dateOfBirth, lookedAfterSince, sex: "F", legalStatus: "C2" }),
    childEvent("ChildBecameLookedAfter", id, { date: lookedAfterSince, legalStatus: "C2" }),
  );
  await eventually(async () => (await leavingCareOf(id)) ?? undefined);
  return id;
}

afterEach(() => setClock(null));

it("a 16th birthday passing: the daily check moves the status to ELIGIBLE once, publishes it and schedules the needs assessment", async () => {
  setClock("2026-12-01T10:00:00Z");
  const id = await child("2010-12-02", "2025-01-10");
  expect(await leavingCareOf(id)).toMatchObject({ status: "NOT_ELIGIBLE", needsAssessmentDueDate: null });
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("leaving-care")]);
  try {
    setClock("2026-12-02T06:00:00Z");
    // Two replicas at once, then a second run: each child is worked out once.
    const [a, b] = await Promise.all([runDailyCheck(env.svc.service.deps), runDailyCheck(env.svc.service.deps)]);
    await runDailyCheck(env.svc.service.deps);
    expect(a + b).toBeGreaterThanOrEqual(1);
    const lc = await leavingCareOf(id);
    expect(lc).toMatchObject({ status: "ELIGIBLE", eligibleFrom: "2026-12-02", needsAssessmentDueDate: "2027-03-02" });
    expect(lc?.needsAssessmentExplanation).toBe("Leaving-care needs assessment due 2 Mar 2027: 3 months after the 16th birthday on 2 Dec 2026");
    const mine = await eventually(async () => {
      const e = listener.events().filter((x) => x.childId === id);
      return e.length >= 2 ? e : undefined;
    });
    await new Promise((r) => setTimeout(r, 500));
    const all = listener.events().filter((x) => x.childId === id);
    expect(all.filter((e) => e.type === "LeavingCareStatusChanged")).toHaveLength(1);
    expect(mine.find((e) => e.type === "LeavingCareStatusChanged")?.payload).toMatchObject({ status: "ELIGIBLE", on: "2026-12-02" });
    expect(all.filter((e) => e.type === "StatutoryTaskScheduled")).toHaveLength(1);
    const scheduled = all.find((e) => e.type === "StatutoryTaskScheduled")?.payload;
    expect(scheduled).toMatchObject({ task: "LeavingCareNeedsAssessment", dueDate: "2027-03-02" });
    // Still looked after: the allocated social worker's task (not only the personal adviser's).
    expect(scheduled).not.toHaveProperty("assignedRole");
  } finally {
    await listener.stop();
  }
});

it("leaving care at 17 makes an eligible child RELEVANT; the personal adviser comes from WorkerAllocated", async () => {
  setClock("2026-12-01T10:00:00Z");
  const id = await child("2009-05-05", "2024-01-01");
  expect((await leavingCareOf(id))?.status).toBe("ELIGIBLE");
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("leaving-care")]);
  try {
    await send(
      childEvent("WorkerAllocated", id, { allocationId: randomUUID(), workerId: "pa-7", role: "PERSONAL_ADVISER", from: "2026-11-01", previousWorkerId: null }),
      childEvent("ChildCeasedLookedAfter", id, { endDate: "2026-11-30", reason: "E8" }),
    );
    const lc = await eventually(async () => {
      const x = await leavingCareOf(id);
      return x?.status === "RELEVANT" && x.personalAdviserId ? x : undefined;
    });
    expect(lc).toMatchObject({ personalAdviserId: "pa-7", needsAssessmentDueDate: "2025-08-05" });
    // Care has ended: the same needs-assessment task is re-published as the personal adviser's.
    const moved = await eventually(async () =>
      listener.events().find((e) => e.childId === id && e.type === "StatutoryTaskScheduled" && (e.payload as { assignedRole?: string }).assignedRole === "PERSONAL_ADVISER"),
    );
    expect(moved.payload).toMatchObject({ task: "LeavingCareNeedsAssessment", dueDate: "2025-08-05" });
  } finally {
    await listener.stop();
  }
});

it("recording the needs assessment completes it and schedules the pathway plan review 6 months on; a review moves it", async () => {
  setClock("2026-12-01T10:00:00Z");
  const id = await child("2010-06-15", "2023-01-01");
  const done = await env.svc.query<{ recordNeedsAssessment: LC }>(env.token, NEEDS, { input: { childId: id, completedOn: "2026-08-31" } });
  expect(done.errors).toBeUndefined();
  expect(done.data?.recordNeedsAssessment).toMatchObject({ status: "ELIGIBLE", needsAssessmentDueDate: null, pathwayPlanReviewDueDate: "2027-02-28" });
  const reviewed = await env.svc.query<{ recordPathwayPlanReview: LC }>(env.token, REVIEW, { input: { childId: id, reviewedOn: "2026-11-20" } });
  expect(reviewed.data?.recordPathwayPlanReview).toMatchObject({ pathwayPlanReviewDueDate: "2027-05-20" });
});

it.each([
  [NEEDS, { completedOn: "2099-01-01" }, "input.completedOn", "NOT_IN_FUTURE"],
  [NEEDS, { completedOn: "2026-06-14" }, "input.completedOn", "NOT_BEFORE_16TH_BIRTHDAY"],
  [REVIEW, { reviewedOn: "2026-10-01" }, "input.childId", "NEEDS_ASSESSMENT_FIRST"],
])("refuses bad input naming the field and rule, and writes nothing (%#)", async (doc, bad, field, rule) => {
  setClock("2026-12-01T10:00:00Z");
  const id = await child("2010-06-15", "2023-01-01");
  const before = await leavingCareOf(id);
  const r = await env.svc.query(env.token, doc, { input: { childId: id, ...bad } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect(await leavingCareOf(id)).toEqual(before);
});

it("at 21 support ends unless the young person asked for it to 25", async () => {
  setClock("2031-01-10T10:00:00Z");
  const id = await child("2010-01-10", "2024-06-01");
  expect((await leavingCareOf(id))?.status).toBe("NOT_ELIGIBLE");
  const SUPPORT = `mutation($input: RecordSupportTo25Input!) { recordSupportTo25(input: $input) { status reason } }`;
  const r = await env.svc.query<{ recordSupportTo25: LC }>(env.token, SUPPORT, { input: { childId: id, requested: true } });
  expect(r.data?.recordSupportTo25.status).toBe("FORMER_RELEVANT");
});

it("a corrected looked-after start date moves the period of care (and with it eligibility)", async () => {
  setClock("2026-12-01T10:00:00Z");
  const id = await child("2010-10-01", "2026-11-01"); // 16, looked after one month: not eligible
  expect((await leavingCareOf(id))?.status).toBe("NOT_ELIGIBLE");
  await send(childEvent("ChildBecameLookedAfter", id, { date: "2026-06-01", legalStatus: "C2", corrected: true }));
  const lc = await eventually(async () => {
    const x = await leavingCareOf(id);
    return x?.status === "ELIGIBLE" ? x : undefined;
  });
  expect(lc).toMatchObject({ eligibleFrom: "2026-10-01", needsAssessmentDueDate: "2027-01-01" });
});

it("short breaks (V3) do not make a child eligible until an ordinary legal status starts", async () => {
  setClock("2026-12-01T10:00:00Z");
  const id = randomUUID();
  await send(
    childEvent("ChildRegistered", id, { dateOfBirth: "2010-01-01", lookedAfterSince: "2025-01-01", legalStatus: "V3" }),
    childEvent("ChildBecameLookedAfter", id, { date: "2025-01-01", legalStatus: "V3" }),
  );
  await eventually(async () => (await leavingCareOf(id)) ?? undefined);
  expect((await leavingCareOf(id))?.status).toBe("NOT_ELIGIBLE");
  await send(childEvent("LegalStatusChanged", id, { code: "C2", startDate: "2026-11-01", previousCode: "V3" }));
  await eventually(async () => ((await leavingCareOf(id))?.status === "ELIGIBLE" ? true : undefined));
});

describe("education, employment or training and accommodation (DfE OC3 ACTIV / ACCOM)", () => {
  const CIRC = `mutation($input: RecordCareLeaverCircumstancesInput!) { recordCareLeaverCircumstances(input: $input) { circumstances { recordedOn activity accommodation accommodationSuitable } } }`;
  it("records the latest activity and accommodation", async () => {
    setClock("2026-12-01T10:00:00Z");
    const id = await child("2009-05-05", "2024-01-01");
    const r = await env.svc.query<{ recordCareLeaverCircumstances: { circumstances: unknown } }>(env.token, CIRC, {
      input: { childId: id, recordedOn: "2026-11-30", activity: "F2", accommodation: "Z", accommodationSuitable: true },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.recordCareLeaverCircumstances.circumstances).toEqual({ recordedOn: "2026-11-30", activity: "F2", accommodation: "Z", accommodationSuitable: true });
  });
  it.each([
    [{ recordedOn: "2026-11-30", accommodation: "S", accommodationSuitable: true }, "input.accommodationSuitable", "ACCOMMODATION_NEVER_SUITABLE"],
    [{ recordedOn: "2025-05-04", accommodation: "U", accommodationSuitable: true }, "input.recordedOn", "NOT_BEFORE_16TH_BIRTHDAY"],
  ])("refuses %j naming %s / %s and writes nothing", async (bad, field, rule) => {
    setClock("2026-12-01T10:00:00Z");
    const id = await child("2009-05-05", "2024-01-01");
    const r = await env.svc.query<{ recordCareLeaverCircumstances: unknown }>(env.token, CIRC, { input: { childId: id, activity: "G5", ...bad } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    const q = await env.svc.query<{ _entities: { leavingCare: { circumstances: unknown } }[] }>(
      env.token,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { leavingCare { circumstances { id } } } } }`,
      { reps: [{ __typename: "Child", id }] },
    );
    expect(q.data?._entities[0]?.leavingCare.circumstances).toBeNull();
  });
});

describe("Staying Put and Staying Close", () => {
  const STAY = `mutation($input: RecordStayingArrangementInput!) { recordStayingArrangement(input: $input) { stayingArrangements { kind startDate endDate } } }`;
  it("records a Staying Put arrangement from the 18th birthday; refuses one before it, or ending before it starts", async () => {
    setClock("2026-12-01T10:00:00Z");
    const id = await child("2008-05-05", "2023-01-01");
    const bad = await env.svc.query(env.token, STAY, { input: { childId: id, kind: "STAYING_PUT", startDate: "2026-05-04" } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate", rule: "FROM_18TH_BIRTHDAY" });
    const backwards = await env.svc.query(env.token, STAY, { input: { childId: id, kind: "STAYING_CLOSE", startDate: "2026-06-01", endDate: "2026-05-31" } });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ field: "input.endDate", rule: "NOT_BEFORE_START" });
    const ok = await env.svc.query<{ recordStayingArrangement: { stayingArrangements: unknown[] } }>(env.token, STAY, {
      input: { childId: id, kind: "STAYING_PUT", startDate: "2026-05-05" },
    });
    expect(ok.data?.recordStayingArrangement.stayingArrangements).toEqual([{ kind: "STAYING_PUT", startDate: "2026-05-05", endDate: null }]);
  });
});

it("the 18th birthday: the daily check moves ELIGIBLE to FORMER_RELEVANT and cancels a needs assessment not done", async () => {
  setClock("2026-12-01T10:00:00Z");
  const id = await child("2008-12-02", "2022-01-01");
  expect(await leavingCareOf(id)).toMatchObject({ status: "ELIGIBLE", needsAssessmentDueDate: "2025-03-02" });
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("leaving-care")]);
  try {
    setClock("2026-12-02T00:30:00Z");
    await runDailyCheck(env.svc.service.deps);
    expect(await leavingCareOf(id)).toMatchObject({ status: "FORMER_RELEVANT", needsAssessmentDueDate: null });
    const cancelled = await eventually(async () => listener.events().find((e) => e.childId === id && e.type === "StatutoryTaskCancelled"));
    expect(cancelled.payload).toMatchObject({ task: "LeavingCareNeedsAssessment", dueDate: "2025-03-02" });
  } finally {
    await listener.stop();
  }
});

it("a short-break status amended to an ordinary one makes the period count", async () => {
  setClock("2026-12-01T10:00:00Z");
  const id = randomUUID();
  await send(
    childEvent("ChildRegistered", id, { dateOfBirth: "2010-01-01", lookedAfterSince: "2025-01-01", legalStatus: "V4" }),
    childEvent("ChildBecameLookedAfter", id, { date: "2025-01-01", legalStatus: "V4" }),
  );
  await eventually(async () => (await leavingCareOf(id)) ?? undefined);
  expect((await leavingCareOf(id))?.status).toBe("NOT_ELIGIBLE");
  await send(childEvent("LegalStatusAmended", id, { legalStatusId: randomUUID(), code: "V2", startDate: "2025-01-01", endDate: null }));
  await eventually(async () => ((await leavingCareOf(id))?.status === "ELIGIBLE" ? true : undefined));
});

it("the same needs assessment sent six times at once is recorded once; the rest are told it is already done", async () => {
  setClock("2026-12-01T10:00:00Z");
  const id = await child("2010-06-15", "2023-01-01");
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => env.svc.query<{ recordNeedsAssessment: LC }>(env.token, NEEDS, { input: { childId: id, completedOn: "2026-08-31" } })),
  );
  expect(answers.filter((a) => !a.errors)).toHaveLength(1);
  expect(answers.filter((a) => a.errors?.[0]?.extensions?.rule === "ALREADY_ASSESSED")).toHaveLength(5);
});
