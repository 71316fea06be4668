import { Role, ROLES } from "@caregraph/platform";
import { eventually, roleTokens, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { carePlanning } from "../src/service";
import { support } from "./support";

/** Issue 9: who may read and write care planning, which children they are shown, and no existence oracle. */
const env = serviceUnderTest(carePlanning);
const t = support(env);
const as = roleTokens(env);
const HOME = "SC111111";

const READ = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id lookedAfterReviews { id } } } }`;
const REVIEW = `mutation($input: RecordLookedAfterReviewInput!) { recordLookedAfterReview(input: $input) { id heldOn } }`;
const VISIT = `mutation($input: RecordStatutoryVisitInput!) { recordStatutoryVisit(input: $input) { id } }`;
type Entities = { _entities: ({ id: string; lookedAfterReviews: unknown[] } | null)[] };
const read = (token: string, ...ids: string[]) => env.svc.query<Entities>(token, READ, { reps: ids.map((id) => ({ __typename: "Child", id })) });
const allocated = (childId: string, workerId: string, role = "IRO") =>
  t.event("children", "WorkerAllocated", childId, { allocationId: randomUUID(), workerId, role, from: "2026-10-02", previousWorkerId: null });

async function child(o: { iro?: string; pa?: string; home?: string; tenant?: string } = {}) {
  const id = await t.lookedAfterChild("2026-10-01", { tenant: o.tenant });
  if (o.iro) await t.send("children", allocated(id, o.iro));
  if (o.pa) await t.send("children", allocated(id, o.pa, "PERSONAL_ADVISER"));
  const placement = t.placementStarted(id, "2026-10-01", { tenant: o.tenant });
  await t.send("placements", { ...placement.event, payload: { ...placement.event.payload, urn: o.home ?? null } });
  const sw = await as("SOCIAL_WORKER", { tenant: o.tenant });
  await eventually(async () => ((await read(sw, id)).data?._entities[0]?.lookedAfterReviews.length ? true : undefined));
  return id;
}

const READERS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER", "RESIDENTIAL_STAFF", "FOSTERING_OFFICER", "PERSONAL_ADVISER", "UASC_COORDINATOR", "SAFEGUARDING_LEAD", "IRO"];
const REVIEWERS: Role[] = ["SOCIAL_WORKER", "IRO"];
const VISITORS: Role[] = ["SOCIAL_WORKER", "TEAM_MANAGER"];
const tokenFor = (role: Role) => as(role, { userId: role === "IRO" ? "iro-1" : role === "PERSONAL_ADVISER" ? "pa-1" : undefined, home: role === "RESIDENTIAL_STAFF" ? HOME : undefined });

describe("care planning: each role reads and writes what the matrix gives it", () => {
  let a: string;
  beforeAll(async () => {
    a = await child({ iro: "iro-1", pa: "pa-1", home: HOME });
  }, 60_000);

  it.each(ROLES.map((r) => [r]))("%s", async (role) => {
    const token = await tokenFor(role);
    if (READERS.includes(role)) {
      expect(await eventually(async () => ((await read(token, a)).data?._entities[0] ? true : undefined))).toBe(true);
    } else {
      const r = await read(token, a);
      expect(r.data?._entities?.[0] ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    if (!REVIEWERS.includes(role)) expect((await env.svc.query(token, REVIEW, { input: { childId: a, heldOn: "2026-10-20" } })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const visit = await env.svc.query(token, VISIT, { input: { childId: a, visitedOn: "2026-10-05" } });
    if (VISITORS.includes(role)) expect(visit.errors?.[0]?.extensions?.code).not.toBe("FORBIDDEN");
    else expect(visit.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("the IRO allocated to a child records its review; another IRO is told there is no such child", async () => {
    const b = await child({ iro: "iro-9" });
    const theirs = await as("IRO", { userId: "iro-9" });
    const other = await as("IRO", { userId: "iro-8" });
    const refused = await env.svc.query(other, REVIEW, { input: { childId: b, heldOn: "2026-10-20" } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const r = await eventually(async () => {
      const x = await env.svc.query<{ recordLookedAfterReview: { heldOn: string } }>(theirs, REVIEW, { input: { childId: b, heldOn: "2026-10-20" } });
      return x.data?.recordLookedAfterReview ? x : undefined;
    });
    expect(r.errors).toBeUndefined();
  });

  it("the work tray (the whole tenant's tasks) is for social workers and team managers only", async () => {
    for (const role of ROLES.filter((r) => r !== "SOCIAL_WORKER" && r !== "TEAM_MANAGER")) {
      const r = await env.svc.query(await tokenFor(role), `{ workTray(first: 1) { edges { cursor } } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });
});

describe("care planning: scope and entity references", () => {
  it("residential staff see the children placed in their home only; IROs the children allocated to them only", async () => {
    const here = await child({ home: HOME, iro: "iro-2" });
    const elsewhere = await child({ home: "SC222222", iro: "iro-3" });
    const staff = await as("RESIDENTIAL_STAFF", { home: HOME });
    const iro = await as("IRO", { userId: "iro-2" });
    for (const token of [staff, iro]) {
      const seen = await eventually(async () => {
        const r = await read(token, here, elsewhere);
        return r.data?._entities[0] ? r.data._entities : undefined;
      });
      expect(seen.map((e) => e?.id ?? null)).toEqual([here, null]);
    }
  });

  it("unknown and foreign ids resolve alike (null); upper-case ids are normalised", async () => {
    const own = await child();
    const foreign = await child({ tenant: "E08000025" });
    const r = await read(await as("SOCIAL_WORKER"), randomUUID(), foreign, foreign.toUpperCase(), own.toUpperCase());
    expect(r.errors).toBeUndefined();
    expect(r.data?._entities.map((e) => e?.id ?? null)).toEqual([null, null, null, own]);
  });
});
