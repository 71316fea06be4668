import { addDays } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { eventually } from "@caregraph/platform/testing";
import { operationId, readManifest } from "@caregraph/gateway/dist/persisted/manifest";
import { graphql, graphqlOk } from "../src/client";
import { useStack } from "./use-stack";

/**
 * Partner agencies through scoped persisted queries (issue 11), on the whole graph as separate
 * processes — every subgraph, the gateway with Redis, the mock Kafka broker — on a fresh PostgreSQL
 * database, driven only through public endpoints. Three children: one shared with the police, one
 * with the school, one with nobody.
 */
let practitioner: string;
let manager: string;
const child = { police: "", school: "", nobody: "" };
let episodeId = "";
const RATE = 120;

const e2e = useStack("partners_e2e", {
  logLevel: "info",
  env: { REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", PARTNER_RATE_LIMIT_PER_MINUTE: String(RATE) },
});

beforeAll(async () => {
  practitioner = await e2e.keys.token({ tenant: "E09000027", roles: ["SOCIAL_WORKER"] });
  manager = await e2e.keys.token({ tenant: "E09000027", roles: ["TEAM_MANAGER"], userId: "test-team-manager" });

  const run = <T = Record<string, unknown>>(query: string, input: Record<string, unknown>, token = practitioner) => graphqlOk<T>(e2e.stack.gatewayUrl, token, query, { input });
  const register = async (firstName: string) =>
    (
      await run<{ registerChild: { id: string } }>(`mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
        firstName,
        lastName: `Partner${Math.random().toString(36).slice(2, 8)}`,
        dateOfBirth: "2012-09-14",
        sex: "FEMALE",
        upn: "A123456789012",
        lookedAfterSince: addDays(today(), -60),
        legalStatus: "C2",
      })
    ).registerChild.id;
  child.police = await register("Wren");
  child.school = await register("Ada");
  child.nobody = await register("Noor");
  const share = (childId: string, partner: string) =>
    run(`mutation($input: RecordInformationSharingAgreementInput!) { recordInformationSharingAgreement(input: $input) { id } }`, {
      childId,
      partner,
      startDate: today(),
      endDate: addDays(today(), 90),
      purpose: "Synthetic: e2e",
    });
  await share(child.police, "county-police");
  await share(child.school, "riverside-school");

  // The police child went missing and came back; the school child has a school. (Each subgraph
  // learns of a new child through events, so the first write there may have to wait.)
  const episode = await eventually(
    () =>
      run<{ startMissingEpisode: { id: string } }>(`mutation($input: StartMissingEpisodeInput!) { startMissingEpisode(input: $input) { id } }`, {
        childId: child.police,
        startedAt: `${addDays(today(), -3)}T21:15:00Z`,
        kind: "MISSING",
      }).catch(() => undefined),
    30_000,
  );
  episodeId = episode.startMissingEpisode.id;
  await run(`mutation($input: EndMissingEpisodeInput!) { endMissingEpisode(input: $input) { id } }`, { episodeId, endedAt: `${addDays(today(), -2)}T08:00:00Z` });
  await run(`mutation($input: RecordReturnHomeInterviewInput!) { recordReturnHomeInterview(input: $input) { id } }`, {
    episodeId,
    heldAt: `${addDays(today(), -2)}T15:00:00Z`,
    by: "Independent return interview service",
  });
  await eventually(
    () =>
      run(`mutation($input: RecordSchoolInput!) { recordSchool(input: $input) { schoolName } }`, {
        childId: child.school,
        schoolName: "Riverside Academy",
        startDate: addDays(today(), -400),
        designatedTeacher: "Designated teacher (synthetic)",
      }).catch(() => undefined),
    30_000,
  );
}, 240_000);

type Answer<T> = { status: number; data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[]; headers: Headers };
async function persisted<T>(token: string, body: Record<string, unknown>): Promise<Answer<T>> {
  const res = await fetch(e2e.stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, ...((await res.json()) as object) };
}
const op = (partner: string, name: string) => readManifest(partner)!.operations.find((o) => o.name === name)!;
const byId = (id: string, variables?: Record<string, unknown>) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } }, ...(variables ? { variables } : {}) });

/** Every request any subgraph's /graphql has answered (their own metrics). */
async function subgraphRequests(): Promise<number> {
  let total = 0;
  for (const url of e2e.stack.metricsUrls.values()) {
    const text = await (await fetch(url)).text();
    for (const line of text.split("\n")) if (line.startsWith("http_request_duration_seconds_count") && line.includes('route="/graphql"')) total += Number(line.split(" ").pop());
  }
  return total;
}

type Episodes = { children: { edges: { node: { id: string; firstName: string; missingEpisodes: { id: string; returnInterviewHeldAt: string | null }[] } }[] } };

describe("a partner agency runs its own operations and sees only the children shared with it", () => {
  it("the police: missing episodes and return home interviews of the shared child only", async () => {
    const police = await e2e.keys.partnerToken("county-police");
    const list = op("county-police", "MissingEpisodesOfSharedChildren");
    // The agreement reaches each subgraph's directory through events: wait until both children and placements know it.
    const page = await eventually(
      async () => {
        const r = await persisted<Episodes>(police, byId(list.id));
        return r.data?.children.edges.length && r.data.children.edges[0]!.node.missingEpisodes.length ? r : undefined;
      },
      30_000,
      300,
    );
    expect(page.errors).toBeUndefined();
    expect(page.data!.children.edges.map((e) => e.node.id)).toEqual([child.police]);
    expect(page.data!.children.edges[0]!.node.missingEpisodes).toEqual([expect.objectContaining({ id: episodeId, returnInterviewHeldAt: expect.stringContaining("T15:00:00") })]);

    const one = op("county-police", "ChildMissingEpisodes");
    expect((await persisted<{ child: unknown }>(police, byId(one.id, { childId: child.nobody }))).data).toEqual({ child: null });
    expect((await persisted<{ child: unknown }>(police, byId(one.id, { childId: child.school }))).data).toEqual({ child: null });
    const shared = await persisted<{ child: { id: string; missingEpisodes: { returnInterviewBy: string }[] } }>(police, byId(one.id, { childId: child.police }));
    expect(shared.errors).toBeUndefined();
    expect(shared.data?.child).toMatchObject({ id: child.police, missingEpisodes: [{ returnInterviewBy: "Independent return interview service" }] });
  });

  it("the school: the shared pupil's education only", async () => {
    const school = await e2e.keys.partnerToken("riverside-school");
    const pupils = await eventually(
      async () => {
        const r = await persisted<{ children: { edges: { node: { id: string; education: { currentSchool: { schoolName: string } | null } } }[] } }>(school, byId(op("riverside-school", "LookedAfterPupils").id));
        return r.data?.children.edges[0]?.node.education.currentSchool ? r : undefined;
      },
      30_000,
      300,
    );
    expect(pupils.data!.children.edges.map((e) => [e.node.id, e.node.education.currentSchool?.schoolName])).toEqual([[child.school, "Riverside Academy"]]);
    const other = await persisted<{ child: unknown }>(school, byId(op("riverside-school", "PupilEducation").id, { childId: child.police }));
    expect(other.data).toEqual({ child: null });
  });

  it("the health trust, with no agreement yet, sees no child at all", async () => {
    const r = await persisted<{ children: { edges: unknown[] } }>(await e2e.keys.partnerToken("northbrook-health"), byId(op("northbrook-health", "HealthCaseload").id));
    expect(r.errors).toBeUndefined();
    expect(r.data?.children.edges).toEqual([]);
    const immunisations = await persisted<{ child: unknown }>(await e2e.keys.partnerToken("northbrook-health"), byId(op("northbrook-health", "ChildImmunisations").id, { childId: child.police }));
    expect(immunisations.errors).toBeUndefined();
    expect(immunisations.data).toEqual({ child: null });
  });
});

describe("anything else is refused at the gateway, before any subgraph is called", () => {
  it.each([
    ["another agency's operation", () => byId(op("riverside-school", "PupilEducation").id, { childId: child.school }), "ANOTHER_AGENCYS_OPERATION"],
    ["free query text", () => ({ query: `{ children(first: 100) { edges { node { id firstName upn } } } }` }), "QUERY_TEXT"],
    ["its own operation's text sent with its id", () => ({ query: op("county-police", "ChildMissingEpisodes").body, ...byId(op("county-police", "ChildMissingEpisodes").id) }), "QUERY_TEXT"],
    ["a body whose hash does not match", () => ({ query: "{ children(first: 1) { edges { node { upn } } } }", ...byId(op("county-police", "ChildMissingEpisodes").id) }), "HASH_MISMATCH"],
    ["a tampered id", () => byId(op("county-police", "ChildMissingEpisodes").id.replace(/^./, (c) => (c === "a" ? "b" : "a"))), "UNKNOWN_OPERATION"],
    ["an unknown id", () => byId(operationId("query Everything { children(first: 100) { edges { node { id upn } } } }")), "UNKNOWN_OPERATION"],
  ])("%s", async (_, body, reason) => {
    const before = await subgraphRequests();
    const r = await persisted(await e2e.keys.partnerToken("county-police"), body());
    expect({ status: r.status, code: r.errors?.[0]?.extensions?.code, reason: r.errors?.[0]?.extensions?.reason, data: r.data }).toEqual({
      status: 403,
      code: "PERSISTED_QUERY_NOT_ALLOWED",
      reason,
      data: undefined,
    });
    expect(await subgraphRequests()).toBe(before);
  });

  it("the count of subgraph requests does move for an allowed operation (the check above can fail)", async () => {
    const before = await subgraphRequests();
    await persisted(await e2e.keys.partnerToken("county-police"), byId(op("county-police", "ChildMissingEpisodes").id, { childId: child.police }));
    expect(await subgraphRequests()).toBeGreaterThan(before);
  });

  it("a partner's token reaching a subgraph directly gets no introspection and still only its shared children", async () => {
    const police = await e2e.keys.partnerToken("county-police");
    const url = e2e.stack.serviceUrls.get("children")!;
    const introspection = await graphql(url, police, "{ __schema { types { name } } }");
    expect(introspection.errors?.[0]?.extensions?.code).toBe("INTROSPECTION_DISABLED");
    const list = await graphql<{ children: { edges: { node: { id: string } }[] } }>(url, police, "{ children(first: 100) { edges { node { id } } } }");
    expect(list.data?.children.edges.map((e) => e.node.id)).toEqual([child.police]);
    const upn = await graphql<{ child: { upn: string | null } }>(url, police, "query($id: ID!) { child(id: $id) { upn } }", { id: child.police });
    expect(upn.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // The allow list is per agency: lookedAfterSince is the health trust's, not the police's.
    const since = await graphql<{ child: { firstName: string; lookedAfterSince: string | null } }>(url, police, "query($id: ID!) { child(id: $id) { firstName lookedAfterSince } }", { id: child.police });
    expect(since.errors?.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([["child.lookedAfterSince", "FORBIDDEN"]]);
    expect(since.errors?.[0]?.message).toMatch(/allow list/);
    expect(since.data?.child.firstName).toEqual(expect.any(String));
  });
});

describe("rate limit and audit", () => {
  it("each agency has its own per-minute limit in Redis: 429 with Retry-After", async () => {
    // A local authority of this run's own, so the count starts at zero whatever else ran this minute.
    const tenant = `E06${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
    const token = await e2e.keys.partnerToken("county-police", { tenant });
    const statuses: number[] = [];
    for (let i = 0; i <= RATE; i++) statuses.push((await persisted(token, byId("0".repeat(64)))).status);
    expect(statuses.slice(0, RATE).every((s) => s === 403)).toBe(true);
    // The window may turn over mid-loop; then the limit is reached one window later, still as a 429.
    let last = await persisted(token, byId("0".repeat(64)));
    for (let i = 0; last.status !== 429 && i <= RATE; i++) last = await persisted(token, byId("0".repeat(64)));
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("the child's audit trail shows the agency by name, in every subgraph it read", async () => {
    type Entry = { actor: string; role: string; kind: string; service: string; operation: string };
    const trail = await eventually(
      async () => {
        const r = await graphqlOk<{ auditTrail: Entry[] }>(e2e.stack.gatewayUrl, manager, `query($id: ID!) { auditTrail(childId: $id) { actor role kind service operation } }`, { id: child.police });
        const mine = r.auditTrail.filter((e) => e.actor === "county-police");
        return mine.some((e) => e.service === "children") && mine.some((e) => e.service === "placements") ? mine : undefined;
      },
      30_000,
      300,
    );
    expect(trail.every((e) => e.role === "PARTNER" && e.kind === "read")).toBe(true);
    // Named after the agency's own operations (the gateway's fetch to each subgraph: "<operation>__<subgraph>__<n>"),
    // or the root field of the direct subgraph calls above.
    const operations = trail.map((e) => e.operation.replace(/__.*$/, ""));
    expect(operations).toEqual(expect.arrayContaining(["MissingEpisodesOfSharedChildren", "ChildMissingEpisodes"]));
    expect(operations.every((o) => ["MissingEpisodesOfSharedChildren", "ChildMissingEpisodes", "children", "child"].includes(o))).toBe(true);
    // Nobody else's reads are under the agency's name, and the unshared child was never read by it.
    const nobody = await graphqlOk<{ auditTrail: Entry[] }>(e2e.stack.gatewayUrl, manager, `query($id: ID!) { auditTrail(childId: $id) { actor } }`, { id: child.nobody });
    expect(nobody.auditTrail.map((e) => e.actor)).not.toContain("county-police");
  });
});
