import { Domain, envelope, EventEnvelope, eventsTopic, Role, ROLES } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { eventually, publish, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { placements } from "../src/service";

beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

/** The role matrix (infra/platform/src/auth/matrix.ts) applied to the placements operations added for issue 12. */
const env = serviceUnderTest(placements);
const as = roleTokens(env);
const TENANT = "E09000027";
const HOME = "SC222222";

const ev = (source: Domain, type: string, childId: string, payload: Record<string, unknown>) => envelope({ type, childId, payload }, { tenant: TENANT, source, actor: "test" });
const send = (domain: Domain, ...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic(domain), events);

const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id placementStability { placementsInLast12Months longTermStable } placementBreakdownRisk { score } } } }`;
const EXTEND = `mutation($input: ExtendTemporaryApprovalInput!) { extendTemporaryApproval(input: $input) { id } }`;
const SHORT_BREAK = `mutation($input: RecordShortBreakInput!) { recordShortBreak(input: $input) { id } }`;
const DISRUPTION = `mutation($input: RecordDisruptionMeetingInput!) { recordDisruptionMeeting(input: $input) { id } }`;
const MATCHES = `query($childId: ID!) { placementMatches(childId: $childId) { score } }`;
const PROVIDER = `mutation($input: RecordProviderInput!) { recordProvider(input: $input) { id } }`;
const CARER = `mutation($input: ApproveFosterCarerInput!) { approveFosterCarer(input: $input) { id } }`;
const PLAN = `mutation($input: RecordPlacementPlanInput!) { recordPlacementPlan(input: $input) { id placementPlanPreparedOn } }`;
type Entities = { _entities: ({ id: string; placementStability: { placementsInLast12Months: number } } | null)[] };
const read = (token: string, id: string) => env.svc.query<Entities>(token, READ, { reps: [{ __typename: "Child", id }] });

const tokenFor = (role: Role) =>
  as(role, { userId: role === "IRO" ? "iro-1" : role === "PERSONAL_ADVISER" ? "pa-1" : undefined, home: role === "RESIDENTIAL_STAFF" ? HOME : undefined });
const READERS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER", "RESIDENTIAL_STAFF", "FOSTERING_OFFICER", "PERSONAL_ADVISER", "UASC_COORDINATOR", "SAFEGUARDING_LEAD", "IRO"];
const WRITERS: Role[] = ["SOCIAL_WORKER"];

describe("placements: each role reads stability and breakdown risk, records placement plans, short breaks and disruption meetings, extends approvals as the matrix says", () => {
  let a: string;
  let placementId: string;
  let b: string;
  let approvedPlacementId: string;
  let disruptedPlacementId: string;
  beforeAll(async () => {
    a = randomUUID();
    await send(
      "children",
      ev("children", "ChildRegistered", a, { dateOfBirth: "2012-03-03", lookedAfterSince: "2026-10-01" }),
      ev("children", "WorkerAllocated", a, { allocationId: randomUUID(), workerId: "iro-1", role: "IRO", from: "2026-10-02", previousWorkerId: null }),
      ev("children", "WorkerAllocated", a, { allocationId: randomUUID(), workerId: "pa-1", role: "PERSONAL_ADVISER", from: "2026-10-02", previousWorkerId: null }),
    );
    const sw = await as("SOCIAL_WORKER");
    const started = await eventually(async () => {
      const r = await env.svc.query<{ startPlacement: { id: string } }>(sw, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
        input: { childId: a, type: "K2", startDate: "2026-10-01", provider: "PR4", urn: HOME },
      });
      return r.data?.startPlacement;
    });
    placementId = started.id;
    b = randomUUID();
    await send("children", ev("children", "ChildRegistered", b, { dateOfBirth: "2015-03-03", lookedAfterSince: "2026-11-30" }));
    const approved = await eventually(async () => {
      const r = await env.svc.query<{ startPlacement: { id: string } }>(sw, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
        input: { childId: b, type: "U3", startDate: "2026-11-30", temporaryApprovalEndsOn: "2027-01-31" },
      });
      return r.data?.startPlacement;
    });
    approvedPlacementId = approved.id;
    const c = randomUUID();
    await send("children", ev("children", "ChildRegistered", c, { dateOfBirth: "2013-03-03", lookedAfterSince: "2026-06-01" }));
    const disrupted = await eventually(async () => {
      const r = await env.svc.query<{ startPlacement: { id: string } }>(sw, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
        input: { childId: c, type: "U6", startDate: "2026-06-01" },
      });
      return r.data?.startPlacement;
    });
    disruptedPlacementId = disrupted.id;
    await env.svc.query(sw, `mutation($input: EndPlacementInput!) { endPlacement(input: $input) { id } }`, { input: { childId: c, endDate: "2026-11-01", planned: false } });
    // The home's staff see the child once the service has heard its own PlacementStarted.
    const rs = await tokenFor("RESIDENTIAL_STAFF");
    await eventually(async () => ((await read(rs, a)).data?._entities[0] ? true : undefined));
  }, 60_000);

  it.each(ROLES.map((r) => [r]))("%s", async (role) => {
    const token = await tokenFor(role);
    if (READERS.includes(role)) {
      const seen = await eventually(async () => (await read(token, a)).data?._entities[0]?.placementStability);
      expect(seen.placementsInLast12Months).toBe(1);
      expect((await env.svc.query(token, MATCHES, { childId: a })).errors).toBeUndefined();
    } else {
      const r = await read(token, a);
      expect(r.data?._entities ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await env.svc.query(token, MATCHES, { childId: a })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const writes = [
      await env.svc.query(token, PROVIDER, { input: { name: "Synthetic Home", ofstedRating: "GOOD" } }),
      await env.svc.query(token, CARER, { input: { name: "Household R", approvedOn: "2026-01-01", ageFrom: 0, ageTo: 17, maxChildren: 1 } }),
      await env.svc.query(token, PLAN, { input: { placementId, preparedOn: "2026-10-05" } }),
      await env.svc.query(token, EXTEND, { input: { placementId: approvedPlacementId, endsOn: "2027-03-01" } }),
      await env.svc.query(token, DISRUPTION, { input: { placementId: disruptedPlacementId, heldOn: "2026-11-10" } }),
      await env.svc.query(token, SHORT_BREAK, { input: { childId: b, startDate: "2026-11-01", endDate: "2026-11-02" } }),
    ];
    for (const w of writes) {
      if (WRITERS.includes(role)) expect(w.errors).toBeUndefined();
      else expect(w.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });
});
