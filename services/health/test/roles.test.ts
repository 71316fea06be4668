import { Domain, envelope, EventEnvelope, eventsTopic, Role, ROLES } from "@caregraph/platform";
import { eventually, publish, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { health } from "../src/service";

/** Issue 9: who may read and write health, which children they are shown, and no existence oracle. */
const env = serviceUnderTest(health);
const as = roleTokens(env);
const TENANT = "E09000027";
const OTHER = "E08000025";
const HOME = "SC111111";

const ev = (source: Domain, type: string, childId: string, payload: Record<string, unknown>, tenant = TENANT) =>
  envelope({ type, childId, payload }, { tenant, source, actor: "test" });
const send = (domain: Domain, ...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic(domain), events);

const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id healthAssessments { id status } } } }`;
const RECORD = `mutation($input: RecordHealthAssessmentInput!) { recordHealthAssessment(input: $input) { id } }`;
type Entities = { _entities: ({ id: string; healthAssessments: unknown[] } | null)[] };
const read = (token: string, ...ids: string[]) => env.svc.query<Entities>(token, READ, { reps: ids.map((id) => ({ __typename: "Child", id })) });

async function child(tenant = TENANT, opts: { home?: string; iro?: string; pa?: string } = {}) {
  const id = randomUUID();
  await send(
    "children",
    ev("children", "ChildRegistered", id, { dateOfBirth: "2012-03-03", lookedAfterSince: "2026-10-01" }, tenant),
    ev("children", "ChildBecameLookedAfter", id, { date: "2026-10-01", legalStatus: "C2" }, tenant),
    ...(opts.iro ? [ev("children", "WorkerAllocated", id, { allocationId: randomUUID(), workerId: opts.iro, role: "IRO", from: "2026-10-02", previousWorkerId: null }, tenant)] : []),
    ...(opts.pa ? [ev("children", "WorkerAllocated", id, { allocationId: randomUUID(), workerId: opts.pa, role: "PERSONAL_ADVISER", from: "2026-10-02", previousWorkerId: null }, tenant)] : []),
  );
  const placementId = randomUUID();
  if (opts.home) await send("placements", ev("placements", "PlacementStarted", id, { placementId, type: "K2", startDate: "2026-10-01", isMove: false, previousPlacementId: null, urn: opts.home }, tenant));
  const sw = await as("SOCIAL_WORKER", { tenant });
  await eventually(async () => (await read(sw, id)).data?._entities[0]?.healthAssessments.length === 1);
  return { id, placementId };
}

/** A token for each role, scoped to `a` (allocated to it, or working in its home). */
const tokenFor = (role: Role) => as(role, { userId: role === "IRO" ? "iro-1" : role === "PERSONAL_ADVISER" ? "pa-1" : undefined, home: role === "RESIDENTIAL_STAFF" ? HOME : undefined });
const READERS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER", "RESIDENTIAL_STAFF", "PERSONAL_ADVISER", "UASC_COORDINATOR", "HEALTH_PROFESSIONAL", "IRO"];
const WRITERS: Role[] = ["SOCIAL_WORKER"];

describe("health: each role reads and writes what the matrix gives it", () => {
  let a: string;
  beforeAll(async () => {
    ({ id: a } = await child(TENANT, { home: HOME, iro: "iro-1", pa: "pa-1" }));
  }, 60_000);

  it.each(ROLES.map((r) => [r]))("%s", async (role) => {
    const token = await tokenFor(role);
    const r = await read(token, a);
    if (READERS.includes(role)) {
      // Scope facts (allocation, home) arrive as events: wait for them.
      const seen = await eventually(async () => ((await read(token, a)).data?._entities[0] ? true : undefined));
      expect(seen).toBe(true);
    } else {
      expect(r.data?._entities ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    if (!WRITERS.includes(role)) {
      const w = await env.svc.query(token, RECORD, { input: { childId: a, completedOn: "2026-10-10" } });
      expect(w.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });

  it("a social worker records an assessment; a health professional may not", async () => {
    const { id } = await child();
    expect((await env.svc.query(await as("SOCIAL_WORKER"), RECORD, { input: { childId: id, completedOn: "2026-10-10" } })).errors).toBeUndefined();
    expect((await env.svc.query(await as("HEALTH_PROFESSIONAL"), RECORD, { input: { childId: id, completedOn: "2026-10-11" } })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("a field a role may not see is null with FORBIDDEN at its path (residential staff and clinical notes)", async () => {
    const token = await tokenFor("RESIDENTIAL_STAFF");
    const r = await env.svc.query<{ _entities: ({ healthAssessments: { id: string; note: string | null }[] } | null)[] }>(
      token,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { healthAssessments { id note } } } }`,
      { reps: [{ __typename: "Child", id: a }] },
    );
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["_entities", 0, "healthAssessments", 0, "note"] });
  });
});

describe("health: scope", () => {
  it("residential staff see only the children placed in their own home, while the placement lasts", async () => {
    const here = await child(TENANT, { home: HOME });
    const elsewhere = await child(TENANT, { home: "SC222222" });
    const notAHome = await child();
    const staff = await as("RESIDENTIAL_STAFF", { home: HOME });
    const seen = await eventually(async () => {
      const r = await read(staff, here.id, elsewhere.id, notAHome.id);
      return r.data?._entities[0] ? r.data._entities : undefined;
    });
    expect(seen.map((e) => e?.id ?? null)).toEqual([here.id, null, null]);
    // Another home's staff, and a residential token with no home at all, see none of them.
    expect((await read(await as("RESIDENTIAL_STAFF", { home: "SC222222" }), here.id)).data?._entities).toEqual([null]);
    expect((await read(await as("RESIDENTIAL_STAFF"), here.id)).data?._entities).toEqual([null]);
    // The placement ends: the child is no longer theirs to see.
    await send("placements", ev("placements", "PlacementEnded", here.id, { placementId: here.placementId, type: "K2", endDate: "2026-11-20", reasonForChange: "E11" }));
    await eventually(async () => (await read(staff, here.id)).data?._entities[0] === null);
  });

  it("an IRO or personal adviser sees only the children allocated to them", async () => {
    const mine = await child(TENANT, { iro: "iro-2", pa: "pa-2" });
    const theirs = await child(TENANT, { iro: "iro-3" });
    const iro = await as("IRO", { userId: "iro-2" });
    const seen = await eventually(async () => {
      const r = await read(iro, mine.id, theirs.id);
      return r.data?._entities[0] ? r.data._entities : undefined;
    });
    expect(seen.map((e) => e?.id ?? null)).toEqual([mine.id, null]);
    expect((await read(await as("PERSONAL_ADVISER", { userId: "pa-2" }), mine.id, theirs.id)).data?._entities.map((e) => e?.id ?? null)).toEqual([mine.id, null]);
  });
});

describe("health: entity references", () => {
  it("unknown, foreign and out-of-scope ids answer alike (null); ids are normalised to lower case", async () => {
    const own = await child();
    const foreign = await child(OTHER);
    const sw = await as("SOCIAL_WORKER");
    const r = await read(sw, randomUUID(), foreign.id, foreign.id.toUpperCase(), "not-a-uuid", own.id.toUpperCase());
    expect(r.errors).toBeUndefined();
    expect(r.data?._entities.map((e) => e?.id ?? null)).toEqual([null, null, null, null, own.id]);
  });

  it("a write on an unknown or another local authority's child fails the same way, within two seconds", async () => {
    const foreign = await child(OTHER);
    const sw = await as("SOCIAL_WORKER");
    const answers = [];
    for (const childId of [randomUUID(), foreign.id, foreign.id.toUpperCase()]) {
      const started = Date.now();
      const w = await env.svc.query(sw, RECORD, { input: { childId, completedOn: "2026-10-10" } });
      expect(Date.now() - started).toBeLessThan(5000); // one bounded wait (≤1.5 s), with room for a loaded machine
      answers.push(w.errors?.[0] && { message: w.errors[0].message, extensions: w.errors[0].extensions });
    }
    expect(answers[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});

describe("health: the records of issue 12 (immunisations, dental checks, SDQs, consent) follow the matrix", () => {
  let a: string;
  beforeAll(async () => {
    ({ id: a } = await child(TENANT, { home: HOME, iro: "iro-4", pa: "pa-4" }));
  }, 60_000);
  const SUMMARY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id healthSummary { immunisationsUpToDate nextDentalCheckDue latestSdq { score completedOn } } immunisations { id } dentalChecks { id } sdqs { id } opticianChecks { id } consents { id basis } registrations { id } unregisteredWith camhsReferrals { id waitingTime } substanceMisuse { id } medicalHistory { id description } healthActionPlan { id } } } }`;
  const WRITES: [string, string, (childId: string) => Record<string, unknown>][] = [
    ["recordImmunisation", "RecordImmunisationInput", (childId) => ({ childId, vaccine: "MMR", givenOn: "2026-10-10" })],
    ["recordDentalCheck", "RecordDentalCheckInput", (childId) => ({ childId, checkedOn: "2026-10-10" })],
    ["recordSdq", "RecordSdqInput", (childId) => ({ childId, score: 12, completedOn: "2026-10-10" })],
    ["recordConsent", "RecordConsentInput", (childId) => ({ childId, kind: "IMMUNISATION", decision: "GIVEN", givenBy: "PARENT", givenOn: "2026-10-10" })],
    ["recordRegistration", "RecordRegistrationInput", (childId) => ({ childId, kind: "OPTICIAN", practice: "Example Opticians", registeredOn: "2026-10-10" })],
    ["recordOpticianCheck", "RecordOpticianCheckInput", (childId) => ({ childId, checkedOn: "2026-10-10" })],
    ["recordCamhsReferral", "RecordCamhsReferralInput", (childId) => ({ childId, referredOn: "2026-10-10" })],
    ["recordSubstanceMisuse", "RecordSubstanceMisuseInput", (childId) => ({ childId, identifiedOn: "2026-10-10" })],
    ["recordMedicalHistory", "RecordMedicalHistoryInput", (childId) => ({ childId, kind: "ALLERGY", description: "synthetic allergy" })],
  ];
  /** Operations on a record by its id: a non-writer is FORBIDDEN before anything is looked up; a writer is told there is no such record. */
  const BY_ID: [string, string, Record<string, unknown>][] = [
    ["recordCamhsReferralProgress", "RecordCamhsReferralProgressInput", { outcome: "ACCEPTED", decidedOn: "2026-10-11" }],
    ["recordSubstanceMisuseIntervention", "RecordSubstanceMisuseInterventionInput", { interventionOfferedOn: "2026-10-11" }],
    ["completeHealthActionPlanAction", "CompleteHealthActionPlanActionInput", { completedOn: "2026-10-11" }],
  ];
  const write = (token: string, [op, type, input]: (typeof WRITES)[number], childId: string) =>
    env.svc.query(token, `mutation($input: ${type}!) { ${op}(input: $input) { id } }`, { input: input(childId) });
  const scoped = (role: Role) => as(role, { userId: role === "IRO" ? "iro-4" : role === "PERSONAL_ADVISER" ? "pa-4" : undefined, home: role === "RESIDENTIAL_STAFF" ? HOME : undefined });

  it.each(ROLES.map((r) => [r]))("%s", async (role) => {
    const token = await scoped(role);
    if (READERS.includes(role)) {
      // Special category data (CAMHS, substance misuse, medical history) is hidden from these two (ACCESS.md).
      const special = role === "PERSONAL_ADVISER" || role === "UASC_COORDINATOR";
      const query = special ? SUMMARY.replace(" camhsReferrals { id waitingTime } substanceMisuse { id } medicalHistory { id description }", "") : SUMMARY;
      const r = await eventually(async () => {
        const x = await env.svc.query<Entities>(token, query, { reps: [{ __typename: "Child", id: a }] });
        return x.data?._entities[0] ? x : undefined;
      });
      expect(r.errors).toBeUndefined();
      if (special) {
        for (const field of ["camhsReferrals { id }", "substanceMisuse { id }", "medicalHistory { id description }"]) {
          const hidden = await env.svc.query(token, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id ${field} } } }`, { reps: [{ __typename: "Child", id: a }] });
          expect(hidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        }
      }
    } else {
      const r = await env.svc.query(token, SUMMARY, { reps: [{ __typename: "Child", id: a }] });
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    for (const w of WRITES) {
      const r = await write(token, w, a);
      if (WRITERS.includes(role)) expect(r.errors).toBeUndefined();
      else expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    for (const [op, type, rest] of BY_ID) {
      const r = await env.svc.query(token, `mutation($input: ${type}!) { ${op}(input: $input) { id } }`, { input: { id: randomUUID(), ...rest } });
      expect(r.errors?.[0]?.extensions?.code).toBe(WRITERS.includes(role) ? "NOT_FOUND" : "FORBIDDEN");
    }
    const add = await env.svc.query(token, `mutation($input: AddHealthActionPlanActionInput!) { addHealthActionPlanAction(input: $input) { id } }`, {
      input: { assessmentId: randomUUID(), action: "x", owner: "y", dueDate: "2026-12-01" },
    });
    expect(add.errors?.[0]?.extensions?.code).toBe(WRITERS.includes(role) ? "NOT_FOUND" : "FORBIDDEN");
  });

  it("a write on another local authority's child is NOT_FOUND, as for an unknown one", async () => {
    const foreign = await child(OTHER);
    const sw = await as("SOCIAL_WORKER");
    for (const w of WRITES) {
      expect((await write(sw, w, foreign.id)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect((await write(sw, w, randomUUID())).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
  });
});
