import { chronologyEntryRecorded, chronologyEntryWithdrawn, ChronologyEntry, Domain, DOMAINS, envelope, EventEnvelope, eventsTopic, Role } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { eventually, publish, roleTokens, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { children } from "../src/service";

/** Issue 10: Child.chronology, a read model of every domain's chronology events. */
const env = serviceUnderTest(children);
const as = roleTokens(env);
const TENANT = "E09000027";
const OTHER = "E08000025";

// Tuesday 1 December 2026, 10:00 on the platform clock.
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

type Node = { id: string; at: string; on: string; domain: string; kind: string; summary: string; recordedBy: string; recordedAt: string };
type Page = { totalCount: number; edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const CHRONOLOGY = `query Chronology($id: ID!, $filter: ChronologyFilter, $first: Int, $after: String) { child(id: $id) {
  chronology(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id at on domain kind summary recordedBy recordedAt } } pageInfo { hasNextPage endCursor }
  } } }`;

let seq = 0;
async function register(tenant = TENANT, o: { lookedAfter?: boolean } = {}): Promise<string> {
  const r = await env.svc.query<{ registerChild: { id: string } }>(
    await as("SOCIAL_WORKER", { tenant }),
    `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
    {
      input: {
        firstName: "Jo",
        lastName: `Chronicle-${++seq}-${randomUUID().slice(0, 6)}`,
        dateOfBirth: "2013-04-01",
        sex: "FEMALE",
        ...(o.lookedAfter ? { lookedAfterSince: "2026-06-01", legalStatus: "C2" } : {}),
      },
    },
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.registerChild.id;
}

interface Meta {
  occurredAt?: string;
  tenant?: string;
  actor?: string;
}
const stamp = (e: EventEnvelope, o: Meta) => (o.occurredAt ? { ...e, occurredAt: o.occurredAt } : e);
// Entry ids are unique per tenant and domain (domains put a record id in them): these name the child.
const own = (childId: string, entryId: string) => `${childId}:${entryId}`;
const recorded = (source: Domain, childId: string, entry: Partial<ChronologyEntry> & { entryId: string }, o: Meta = {}) =>
  stamp(
    envelope(chronologyEntryRecorded(childId, { kind: "Test", on: "2026-10-01", summary: `${source} entry`, ...entry, entryId: own(childId, entry.entryId) }), {
      tenant: o.tenant ?? TENANT,
      source,
      actor: o.actor ?? "sw-1",
    }),
    o,
  );
const withdrawn = (source: Domain, childId: string, entryId: string, o: Meta = {}) =>
  stamp(envelope(chronologyEntryWithdrawn(childId, own(childId, entryId), "voided"), { tenant: o.tenant ?? TENANT, source, actor: o.actor ?? "sw-1" }), o);

/** Publishes each event on its domain's topic (in the order given, per topic) and waits until the service has processed them all. */
async function send(...events: EventEnvelope[]) {
  const kafka = testKafka(env.broker.bootstrapServers);
  for (const source of new Set(events.map((e) => e.source as Domain))) await publish(kafka, eventsTopic(source), events.filter((e) => e.source === source));
  await eventually(async () => {
    const rows = await env.svc.service.deps.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM children.processed_event WHERE event_id = ANY(string_to_array($1, ',')::uuid[])`,
      events.map((e) => e.id).join(","),
    );
    return rows[0]?.n === events.length ? true : undefined;
  });
}

async function chronology(token: string, id: string, vars: { filter?: Record<string, unknown>; first?: number; after?: string | null } = {}) {
  const r = await env.svc.query<{ child: { chronology: Page } | null }>(token, CHRONOLOGY, { id, ...vars });
  return r;
}
async function page(id: string, vars: Parameters<typeof chronology>[2] = {}, token?: string): Promise<Page> {
  const r = await chronology(token ?? env.token, id, vars);
  if (!r.data?.child) throw new Error(JSON.stringify(r.errors ?? r.data));
  return r.data.child.chronology;
}
const others = { domains: DOMAINS.filter((d) => d !== "children") };
const kinds = (p: Page) => p.edges.map((e) => e.node.kind);

describe("order", () => {
  it("newest first by when it happened; a day without a time counts from the start of that day in England; then by recordedAt, then id", async () => {
    const id = await register();
    await send(
      recorded("placements", id, { entryId: "p1", kind: "PlacementStarted", on: "2026-06-01" }, { occurredAt: "2026-06-02T09:00:00.000Z" }),
      recorded("placements", id, { entryId: "m1", kind: "MissingEpisodeStarted", on: "2026-06-01", at: "2026-06-01T21:10:00.000Z" }, { occurredAt: "2026-06-02T09:00:00.000Z" }),
      recorded("health", id, { entryId: "h1", kind: "InitialHealthAssessment", on: "2026-06-01" }, { occurredAt: "2026-06-03T09:00:00.000Z" }),
      recorded("education", id, { entryId: "e1", kind: "PersonalEducationPlan", on: "2026-11-30" }, { occurredAt: "2026-11-30T12:00:00.000Z" }),
      recorded("health", id, { entryId: "h0", kind: "Earlier", on: "2026-01-15" }, { occurredAt: "2026-06-03T09:00:00.000Z" }),
    );
    const p = await page(id, { filter: others });
    expect(kinds(p)).toEqual(["PersonalEducationPlan", "MissingEpisodeStarted", "InitialHealthAssessment", "PlacementStarted", "Earlier"]);
    const [pep, missing, iha, placed, earlier] = p.edges.map((e) => e.node);
    expect(missing).toMatchObject({ at: "2026-06-01T21:10:00.000Z", on: "2026-06-01", domain: "placements" });
    // 1 June is in summer time: the day began at 23:00 UTC on 31 May. 15 January is in GMT.
    expect(placed?.at).toBe("2026-05-31T23:00:00.000Z");
    expect(earlier?.at).toBe("2026-01-15T00:00:00.000Z");
    // Same day, no time: the one recorded later comes first.
    expect(iha?.recordedAt).toBe("2026-06-03T09:00:00.000Z");
    expect(pep).toMatchObject({ domain: "education", summary: "education entry", recordedBy: "sw-1", recordedAt: "2026-11-30T12:00:00.000Z", on: "2026-11-30" });
    expect(p.totalCount).toBe(5);
  });

  it("the children domain's own entries are there too (registration, becoming looked after)", async () => {
    const id = await register(TENANT, { lookedAfter: true });
    const p = await eventually(async () => {
      const got = await page(id);
      return got.totalCount >= 2 ? got : undefined;
    });
    expect(p.edges.map((e) => [e.node.domain, e.node.kind, e.node.on])).toEqual([
      ["children", "ChildRegistered", "2026-12-01"],
      ["children", "BecameLookedAfter", "2026-06-01"],
    ]);
    expect(p.edges[1]?.node.summary).toBe("Became looked after: legal status C2 (Full care order)");
    expect(p.edges[0]?.node.recordedBy).toBe("test-social-worker");
  });
});

describe("pages", () => {
  it("keyset cursors: pages follow one another with nothing twice, and a newer entry arriving does not shift the next page", async () => {
    const id = await register();
    const days = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05"];
    await send(...days.map((on, i) => recorded("health", id, { entryId: `h${i}`, on, kind: `K${on}` })));
    const one = await page(id, { filter: others, first: 2 });
    expect(kinds(one)).toEqual(["K2026-10-05", "K2026-10-04"]);
    expect(one.pageInfo.hasNextPage).toBe(true);
    expect(one.pageInfo.endCursor).toBe(one.edges[1]?.cursor);
    expect(one.totalCount).toBe(5);
    // Meanwhile: one newer entry and one older.
    await send(recorded("health", id, { entryId: "newer", on: "2026-11-01", kind: "Newer" }), recorded("health", id, { entryId: "older", on: "2026-09-01", kind: "Older" }));
    const two = await page(id, { filter: others, first: 2, after: one.pageInfo.endCursor });
    expect(kinds(two)).toEqual(["K2026-10-03", "K2026-10-02"]);
    const three = await page(id, { filter: others, first: 2, after: two.pageInfo.endCursor });
    expect(kinds(three)).toEqual(["K2026-10-01", "Older"]);
    expect(three.pageInfo.hasNextPage).toBe(false);
    expect(three.totalCount).toBe(7);
    const past = await page(id, { filter: others, first: 2, after: three.pageInfo.endCursor });
    expect(past).toEqual({ totalCount: 7, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    // The cursor is opaque: no record content in it.
    expect(Buffer.from(one.pageInfo.endCursor!, "base64url").toString()).not.toContain("K2026");
  });

  it("first defaults to 50 and may be up to 100; beyond, or below 1, is refused naming first; a cursor it did not give out, naming after", async () => {
    const id = await register();
    await send(...Array.from({ length: 55 }, (_, i) => recorded("health", id, { entryId: `bulk-${i}`, on: "2026-10-01" })));
    const dflt = await page(id, { filter: others });
    expect(dflt.edges).toHaveLength(50);
    expect(dflt.totalCount).toBe(55);
    expect((await page(id, { filter: others, first: 100 })).edges).toHaveLength(55);
    for (const first of [101, 0]) {
      const r = await chronology(env.token, id, { first });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    }
    const bad = await chronology(env.token, id, { after: "not-a-cursor" });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after", rule: "CURSOR" });
  });
});

describe("filters", () => {
  it("by domain and by day, from and to inclusive", async () => {
    const id = await register();
    await send(
      recorded("health", id, { entryId: "a", on: "2026-09-30", kind: "A" }),
      recorded("health", id, { entryId: "b", on: "2026-10-01", kind: "B" }),
      recorded("education", id, { entryId: "c", on: "2026-10-15", kind: "C" }),
      recorded("placements", id, { entryId: "d", on: "2026-10-31", kind: "D" }),
      recorded("placements", id, { entryId: "e", on: "2026-11-01", kind: "E" }),
    );
    expect(kinds(await page(id, { filter: { ...others, from: "2026-10-01", to: "2026-10-31" } }))).toEqual(["D", "C", "B"]);
    expect(kinds(await page(id, { filter: { domains: ["health", "education"] } }))).toEqual(["C", "B", "A"]);
    const p = await page(id, { filter: { domains: ["placements"], from: "2026-11-01" } });
    expect(kinds(p)).toEqual(["E"]);
    expect(p.totalCount).toBe(1);
    expect(kinds(await page(id, { filter: { domains: ["health"], to: "2026-09-30" } }))).toEqual(["A"]);
  });

  it("from after to, and a domain that does not exist, are refused naming the field (the valid domains listed)", async () => {
    const id = await register();
    const late = await chronology(env.token, id, { filter: { from: "2026-10-02", to: "2026-10-01" } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.from" });
    const unknown = await chronology(env.token, id, { filter: { domains: ["health", "housing"] } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.domains" });
    expect(unknown.errors?.[0]?.message).toContain('"housing"');
    expect(unknown.errors?.[0]?.message).toContain(DOMAINS.join(", "));
  });
});

describe("from the events", () => {
  it("the same event delivered twice is one entry", async () => {
    const id = await register();
    const e = recorded("health", id, { entryId: "twice" });
    await send(e);
    await publish(testKafka(env.broker.bootstrapServers), eventsTopic("health"), [e]);
    const marker = recorded("health", id, { entryId: "marker", on: "2026-09-01" });
    await send(marker);
    expect((await page(id, { filter: others })).totalCount).toBe(2);
    const rows = await env.svc.service.deps.db.chronologyEntry.count({ where: { childId: id, entryId: own(id, "twice") } });
    expect(rows).toBe(1);
  });

  it("a re-published entry replaces the one before if it is newer, and not if it is older", async () => {
    const id = await register();
    await send(recorded("placements", id, { entryId: "p", on: "2026-06-01", summary: "Placed: U1" }, { occurredAt: "2026-06-01T10:00:00.000Z" }));
    const [first] = (await page(id, { filter: others })).edges;
    await send(recorded("placements", id, { entryId: "p", on: "2026-05-29", summary: "Placed: U3" }, { occurredAt: "2026-06-05T10:00:00.000Z", actor: "tm-1" }));
    await send(recorded("placements", id, { entryId: "p", on: "2026-06-02", summary: "stale" }, { occurredAt: "2026-06-03T10:00:00.000Z" }));
    const p = await page(id, { filter: others });
    expect(p.totalCount).toBe(1);
    expect(p.edges[0]?.node).toMatchObject({ id: first!.node.id, on: "2026-05-29", summary: "Placed: U3", recordedBy: "tm-1", recordedAt: "2026-06-05T10:00:00.000Z" });
  });

  it("a withdrawal removes the entry; an older Recorded arriving after it does not bring it back, a newer one does", async () => {
    const id = await register();
    await send(recorded("health", id, { entryId: "w" }, { occurredAt: "2026-10-01T10:00:00.000Z" }), recorded("health", id, { entryId: "stays", on: "2026-09-01" }));
    await send(withdrawn("health", id, "w", { occurredAt: "2026-10-02T10:00:00.000Z" }));
    expect(kinds(await page(id, { filter: others }))).toEqual(["Test"]);
    expect((await page(id, { filter: others })).totalCount).toBe(1);
    await send(recorded("health", id, { entryId: "w", kind: "Late" }, { occurredAt: "2026-10-01T12:00:00.000Z" }));
    expect((await page(id, { filter: others })).totalCount).toBe(1);
    await send(recorded("health", id, { entryId: "w", kind: "Again" }, { occurredAt: "2026-10-03T10:00:00.000Z" }));
    expect(kinds(await page(id, { filter: others }))).toEqual(["Again", "Test"]);
  });

  it("the same entry id from two domains is two entries (an entry belongs to the domain that published it)", async () => {
    const id = await register();
    await send(recorded("health", id, { entryId: "same" }), recorded("education", id, { entryId: "same" }));
    expect((await page(id, { filter: others })).edges.map((e) => e.node.domain).sort()).toEqual(["education", "health"]);
    await send(withdrawn("health", id, "same"));
    expect((await page(id, { filter: others })).edges.map((e) => e.node.domain)).toEqual(["education"]);
  });
});

describe("who sees what", () => {
  const HOME = "SC765432";
  let child: string;
  beforeAll(async () => {
    child = await register();
    const manager = await as("TEAM_MANAGER");
    for (const [workerId, role] of [["iro-7", "IRO"], ["pa-7", "PERSONAL_ADVISER"]]) {
      const a = await env.svc.query(manager, `mutation($input: AllocateWorkerInput!) { allocateWorker(input: $input) { id } }`, {
        input: { childId: child, workerId, role, from: "2026-06-02" },
      });
      expect(a.errors).toBeUndefined();
    }
    const placed = envelope(
      { type: "PlacementStarted", childId: child, payload: { placementId: randomUUID(), type: "K2", startDate: "2026-06-01", isMove: false, previousPlacementId: null, urn: HOME } },
      { tenant: TENANT, source: "placements", actor: "test" },
    );
    await send(
      placed,
      ...DOMAINS.filter((d) => d !== "children").map((d) => recorded(d, child, { entryId: `${d}-1`, kind: `${d}-kind` })),
      recorded("safeguarding", child, { entryId: "plan", kind: "ChildProtectionPlanStarted", on: "2026-10-02", summary: "Child protection plan started: category NEGLECT" }),
      // Another local authority's event naming this child's id: never shown here.
      recorded("health", child, { entryId: "foreign", kind: "Foreign" }, { tenant: OTHER }),
    );
  }, 60_000);

  const ALL = ["children", "placements", "health", "safeguarding", "education", "family", "care-planning", "leaving-care", "uasc"];
  // (Every row has its claims: jest would take a missing third argument for a done callback.)
  const SEES: [Role, string[], { userId?: string; home?: string }][] = [
    ["SOCIAL_WORKER", ALL, {}],
    ["TEAM_MANAGER", ALL, {}],
    ["IRO", ALL, { userId: "iro-7" }],
    ["RESIDENTIAL_STAFF", ["children", "placements", "health", "education", "care-planning"], { home: HOME }],
    ["FOSTERING_OFFICER", ["children", "placements", "family", "care-planning"], {}],
    ["PERSONAL_ADVISER", ["children", "placements", "health", "education", "care-planning", "leaving-care", "uasc"], { userId: "pa-7" }],
    ["UASC_COORDINATOR", ["children", "placements", "health", "education", "care-planning", "leaving-care", "uasc"], {}],
    ["SAFEGUARDING_LEAD", ["children", "placements", "safeguarding", "care-planning"], {}],
    ["EDUCATION_COORDINATOR", ["children", "education"], {}],
  ];

  it.each(SEES)("%s sees entries from %j only", async (role, domains, claims) => {
    const token = await as(role, claims);
    const r = await chronology(token, child);
    if (!r.data?.child) throw new Error(JSON.stringify(r));
    const p = r.data.child.chronology;
    const seen = [...new Set(p.edges.map((e) => e.node.domain))];
    expect(seen.sort()).toEqual([...domains].sort());
    expect(p.totalCount).toBe(p.edges.length);
    expect(kinds(p)).not.toContain("Foreign");
  });

  it("a health professional sees health, and of safeguarding only the child protection plan (not the concerns behind it)", async () => {
    const p = await page(child, {}, await as("HEALTH_PROFESSIONAL"));
    expect(p.edges.filter((e) => e.node.domain === "safeguarding").map((e) => e.node.kind)).toEqual(["ChildProtectionPlanStarted"]);
    expect([...new Set(p.edges.map((e) => e.node.domain))].sort()).toEqual(["children", "health", "safeguarding"]);
    expect(p.totalCount).toBe(p.edges.length);
  });

  it("asking for a domain the caller may not read shows nothing from it (no error)", async () => {
    const p = await page(child, { filter: { domains: ["health", "education"] } }, await as("EDUCATION_COORDINATOR"));
    expect(p.edges.map((e) => e.node.domain)).toEqual(["education"]);
  });

  it("a partner and an auditor are refused; an IRO not allocated and residential staff of another home are not shown the child at all", async () => {
    for (const role of ["PARTNER", "AUDITOR"] as Role[]) {
      const r = await chronology(await as(role), child);
      expect(r.data?.child ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    for (const token of [await as("IRO", { userId: "iro-other" }), await as("RESIDENTIAL_STAFF", { home: "SC000001" })]) {
      expect(await chronology(token, child)).toEqual({ status: 200, data: { child: null } });
    }
  });

  it("another local authority's caller never sees the child or its entries", async () => {
    expect(await chronology(await as("SOCIAL_WORKER", { tenant: OTHER }), child)).toEqual({ status: 200, data: { child: null } });
    const rows = await env.svc.service.deps.db.chronologyEntry.findMany({ where: { childId: child, entryId: own(child, "foreign") } });
    expect(rows.map((r) => r.tenant)).toEqual([OTHER]);
  });

  it("a token with two roles reads each domain with the scope of the role that reads it (IRO + education coordinator, not allocated: no health)", async () => {
    const token = await as(["IRO", "EDUCATION_COORDINATOR"], { userId: "iro-other" });
    const p = await page(child, {}, token);
    expect([...new Set(p.edges.map((e) => e.node.domain))].sort()).toEqual(["children", "education"]);
    const allocated = await page(child, {}, await as(["IRO", "EDUCATION_COORDINATOR"], { userId: "iro-7" }));
    expect([...new Set(allocated.edges.map((e) => e.node.domain))].sort()).toEqual([...ALL].sort());
  });

  it("reading a chronology is audited as a read of the child (Child.chronology)", async () => {
    const token = await as("SAFEGUARDING_LEAD", { userId: "sl-audit" });
    await page(child, {}, token);
    const rows = await eventually(async () => {
      const found = await env.svc.service.deps.db.$queryRawUnsafe<{ child_ids: string[]; fields: string[] }[]>(
        `SELECT child_ids, fields FROM children.audit_entry WHERE kind = 'read' AND actor = 'sl-audit'`,
      );
      return found.length ? found : undefined;
    });
    expect(rows[0]?.child_ids).toEqual([child]);
    expect(rows[0]?.fields).toContain("Child.chronology");
  });
});

describe("a caseload at once", () => {
  it("the chronologies of many children cost the statements of one (one query per page)", async () => {
    const ids = [await register(), await register(), await register()];
    await send(...ids.flatMap((id, i) => [recorded("health", id, { entryId: "x", kind: `X${i}` }), recorded("education", id, { entryId: "y", kind: `Y${i}` })]));
    const q = (n: number) => `query Caseload { children(first: ${n}, search: { name: "Chronicle" }) { edges { node { id chronology(first: 1, filter: { domains: ["health", "education"] }) { totalCount edges { node { kind } } } } } } }`;
    const counter = env.svc.service.deps.metrics.dbStatements;
    const total = async () => (await counter.get()).values.reduce((n, v) => n + v.value, 0);
    const settle = () => new Promise((r) => setTimeout(r, 700));
    const relay = env.svc.service.relay;
    await settle();
    await relay.stop();
    try {
      const cost = async (n: number) => {
        const before = await total();
        const r = await env.svc.query<{ children: { edges: { node: { chronology: Page } }[] } }>(env.token, q(n));
        expect(r.errors).toBeUndefined();
        await settle();
        return { statements: (await total()) - before, edges: r.data!.children.edges };
      };
      const one = await cost(1);
      const many = await cost(100);
      expect(many.edges.length).toBeGreaterThan(3);
      expect(many.statements).toBe(one.statements);
      const mine = many.edges.filter((e) => ids.includes((e.node as unknown as { id: string }).id));
      expect(mine.map((e) => e.node.chronology.totalCount)).toEqual([2, 2, 2]);
    } finally {
      relay.start();
    }
  });
});
