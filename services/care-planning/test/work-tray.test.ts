import { setClock } from "@caregraph/platform/clock";
import { eventually, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { carePlanning } from "../src/service";
import { support, TRAY, TrayPage } from "./support";

const env = serviceUnderTest(carePlanning);
const t = support(env);

beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

async function tray(variables: Record<string, unknown>, token = env.token): Promise<TrayPage> {
  const r = await env.svc.query<{ workTray: TrayPage }>(token, TRAY, variables);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.workTray;
}
const nodes = async (filter: Record<string, unknown>, token = env.token) => (await tray({ filter, first: 100 }, token)).edges.map((e) => e.node);
const trayUntil = (filter: Record<string, unknown>, n: number, token = env.token) =>
  eventually(async () => {
    const found = await nodes(filter, token);
    return found.length >= n ? found : undefined;
  });

/** A fresh local authority per test that counts tasks across the tray, so counts are exact. */
let tenantSeq = 100;
const freshTenant = async () => {
  const tenant = `E09000${tenantSeq++}`;
  return { tenant, token: await env.keys.token({ tenant, roles: ["SOCIAL_WORKER"] }) };
};

it("a placement start produces a StatutoryVisit task in the work tray due 7 days later, with its working", async () => {
  const childId = await t.lookedAfterChild("2026-11-20");
  const { event } = t.placementStarted(childId, "2026-11-30");
  await t.send("placements", event);
  const visit = await eventually(async () =>
    (await nodes({ childId, domain: "care-planning", statuses: ["DUE", "DUE_SOON", "OVERDUE"] })).find((n) => n.kind === "StatutoryVisit"),
  );
  expect(visit).toMatchObject({
    kind: "StatutoryVisit",
    dueDate: "2026-12-07",
    status: "DUE_SOON",
    domain: "care-planning",
    authority: expect.stringContaining("reg 28(2)"),
    explanation: "Statutory visit due 7 Dec 2026: 1 week after the start of the placement on 30 Nov 2026",
    child: { id: childId },
  });
});

it("tasks from health, safeguarding and placements land in the tray with their explanation; one child's tray spans four domains", async () => {
  const childId = await t.lookedAfterChild("2026-11-02");
  const icpc = randomUUID();
  await t.send(
    "health",
    t.task("health", "StatutoryTaskScheduled", childId, {
      taskId: randomUUID(),
      task: "InitialHealthAssessment",
      dueDate: "2026-11-30",
      explanation: "Initial health assessment due 30 Nov 2026: 20 working days after becoming looked after on 2 Nov 2026",
    }),
  );
  await t.send(
    "safeguarding",
    t.task("safeguarding", "StatutoryTaskScheduled", childId, {
      taskId: icpc,
      task: "InitialChildProtectionConference",
      dueDate: "2027-01-13",
      explanation:
        "Initial child protection conference due 13 Jan 2027: 15 working days after the strategy discussion on 18 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    }),
  );
  await t.send(
    "placements",
    t.task("placements", "StatutoryTaskScheduled", childId, {
      taskId: randomUUID(),
      task: "ReturnHomeInterview",
      dueDate: "2026-12-04",
      dueAt: "2026-12-04T09:30:00.000Z",
      explanation: "Return home interview due 4 Dec 2026 09:30: 72 hours after the return at 1 Dec 2026 09:30",
    }),
  );
  const all = await eventually(async () => {
    const found = await nodes({ childId });
    return new Set(found.map((n) => n.domain)).size >= 4 ? found : undefined;
  });
  expect(new Set(all.map((n) => n.domain))).toEqual(new Set(["health", "safeguarding", "placements", "care-planning"]));
  expect(all.find((n) => n.domain === "safeguarding")).toMatchObject({
    kind: "InitialChildProtectionConference",
    dueDate: "2027-01-13",
    status: "DUE",
    explanation: expect.stringContaining("(bank holidays 25 Dec, 28 Dec, 1 Jan skipped)"),
  });
  expect(all.find((n) => n.domain === "health")).toMatchObject({ kind: "InitialHealthAssessment", status: "OVERDUE" });
  expect(all.find((n) => n.domain === "placements")).toMatchObject({ kind: "ReturnHomeInterview", dueAt: "2026-12-04T09:30:00.000Z", status: "DUE_SOON" });
  expect(all.find((n) => n.domain === "care-planning")).toMatchObject({ kind: "LookedAfterReview", dueDate: "2026-11-30" });
  // Ordered by due date.
  expect(all.map((n) => n.dueDate)).toEqual([...all.map((n) => n.dueDate)].sort());

  // Scheduled again with the same id moves it; Completed closes it, on time or late.
  await t.send("safeguarding", t.task("safeguarding", "StatutoryTaskScheduled", childId, { taskId: icpc, task: "InitialChildProtectionConference", dueDate: "2027-01-20" }));
  await eventually(async () => (await nodes({ childId, domain: "safeguarding" }))[0]?.dueDate === "2027-01-20");
  await t.send(
    "safeguarding",
    t.task("safeguarding", "StatutoryTaskCompleted", childId, { taskId: icpc, task: "InitialChildProtectionConference", dueDate: "2027-01-20", completedOn: "2027-01-21" }),
  );
  const done = await eventually(async () => (await nodes({ childId, domain: "safeguarding" })).find((n) => n.status === "DONE"));
  expect(done).toMatchObject({ completedOn: "2027-01-21", completedOnTime: false });
  expect((await nodes({ childId, domain: "safeguarding" }))).toHaveLength(1);
});

it("filters: overdueOnly, dueBefore, childId, workerId, domain", async () => {
  const { tenant, token } = await freshTenant();
  const [a, b] = [randomUUID(), randomUUID()];
  const schedule = (source: "health" | "safeguarding" | "placements", childId: string, task: string, dueDate: string) =>
    t.task(source, "StatutoryTaskScheduled", childId, { taskId: randomUUID(), task, dueDate }, tenant);
  await t.send("children", t.event("children", "WorkerAllocated", a, { allocationId: randomUUID(), workerId: "sw-ann", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-11-01", previousWorkerId: null }, tenant));
  await t.send("children", t.event("children", "WorkerAllocated", b, { allocationId: randomUUID(), workerId: "sw-bob", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-11-01", previousWorkerId: null }, tenant));
  await t.send("health", schedule("health", a, "InitialHealthAssessment", "2026-11-20"), schedule("health", b, "ReviewHealthAssessment", "2026-12-15"));
  await t.send("safeguarding", schedule("safeguarding", a, "FirstCoreGroup", "2026-12-03"), schedule("safeguarding", b, "ChildProtectionReviewConference", "2026-11-25"));
  await trayUntil({}, 4, token);
  const kinds = async (filter: Record<string, unknown>) => (await nodes(filter, token)).map((n) => n.kind);

  expect(await kinds({ overdueOnly: true })).toEqual(["InitialHealthAssessment", "ChildProtectionReviewConference"]);
  expect(await kinds({ dueBefore: "2026-12-03" })).toEqual(["InitialHealthAssessment", "ChildProtectionReviewConference"]);
  expect(await kinds({ dueBefore: "2026-12-04" })).toEqual(["InitialHealthAssessment", "ChildProtectionReviewConference", "FirstCoreGroup"]);
  expect(await kinds({ childId: a })).toEqual(["InitialHealthAssessment", "FirstCoreGroup"]);
  expect(await kinds({ domain: "safeguarding" })).toEqual(["ChildProtectionReviewConference", "FirstCoreGroup"]);
  await eventually(async () => (await kinds({ workerId: "sw-bob" })).length === 2 && (await kinds({ workerId: "sw-ann" })).length === 2);
  expect(await kinds({ workerId: "sw-bob" })).toEqual(["ChildProtectionReviewConference", "ReviewHealthAssessment"]);
  expect(await kinds({ workerId: "sw-ann", overdueOnly: true })).toEqual(["InitialHealthAssessment"]);
  expect(await kinds({ statuses: ["DUE_SOON"] })).toEqual(["FirstCoreGroup"]);
  expect((await nodes({ childId: b }, token)).every((n) => n.workerId === "sw-bob")).toBe(true);

  // A reallocation moves the child to the new worker's tray.
  await t.send("children", t.event("children", "WorkerAllocated", b, { allocationId: randomUUID(), workerId: "sw-cat", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-11-28", previousWorkerId: "sw-bob" }, tenant));
  await eventually(async () => (await kinds({ workerId: "sw-cat" })).length === 2);
  expect(await kinds({ workerId: "sw-bob" })).toEqual([]);

  // Another local authority sees none of it.
  const other = await env.keys.token({ tenant: "E09000999" });
  expect(await nodes({}, other)).toEqual([]);
});

it("pages with opaque cursors, by due date then id, at most 100 a page", async () => {
  const { tenant, token } = await freshTenant();
  const childId = randomUUID();
  const dues = ["2026-12-10", "2026-12-10", "2026-12-10", "2026-12-11", "2026-12-12", "2027-01-04", "2027-01-05"];
  await t.send("health", ...dues.map((dueDate) => t.task("health", "StatutoryTaskScheduled", childId, { taskId: randomUUID(), task: "ReviewHealthAssessment", dueDate }, tenant)));
  await trayUntil({}, dues.length, token);
  const seen: string[] = [];
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page: TrayPage = await tray({ first: 3, after }, token);
    pages += 1;
    seen.push(...page.edges.map((e) => e.node.dueDate));
    ids.push(...page.edges.map((e) => e.node.id));
    for (const e of page.edges) expect(e.cursor).not.toContain(e.node.dueDate);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(pages).toBe(3);
  expect(seen).toEqual(dues);
  expect(new Set(ids).size).toBe(dues.length);

  const tooMany = await env.svc.query(token, TRAY, { first: 101 });
  expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first", rule: "PAGE_SIZE" });
  const badCursor = await env.svc.query(token, TRAY, { after: "not-a-cursor" });
  expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after", rule: "CURSOR" });
  expect((await tray({ first: 100 }, token)).edges).toHaveLength(dues.length);

  // Each task's allocated worker comes through one batched query, however long the page (no N+1).
  const metrics = env.svc.service.deps.metrics;
  const statements = async (first: number) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = (await metrics.dbStatements.get()).values[0]?.value ?? 0;
      await tray({ first }, token);
      await new Promise((done) => setTimeout(done, 700)); // the request's read-audit entry is written just after the response
      runs.push(((await metrics.dbStatements.get()).values[0]?.value ?? 0) - before);
    }
    return Math.min(...runs);
  };
  // N+1 would cost at least 6 more for 6 more children; 1 more is the relay or consumer polling at the wrong moment.
  expect(await statements(7)).toBeLessThanOrEqual((await statements(1)) + 1);
});

it("complianceSummary counts, per kind, tasks due in the period: due, done on time, done late, overdue (cancelled left out)", async () => {
  const { tenant, token } = await freshTenant();
  const childId = randomUUID();
  const ids = Array.from({ length: 6 }, () => randomUUID());
  const visit = (i: number, dueDate: string) => ({ taskId: ids[i], task: "StatutoryVisit", dueDate });
  await t.send(
    "care-planning",
    t.task("care-planning", "StatutoryTaskScheduled", childId, visit(0, "2026-11-10"), tenant),
    t.task("care-planning", "StatutoryTaskCompleted", childId, { ...visit(0, "2026-11-10"), completedOn: "2026-11-09" }, tenant),
    t.task("care-planning", "StatutoryTaskScheduled", childId, visit(1, "2026-11-12"), tenant),
    t.task("care-planning", "StatutoryTaskCompleted", childId, { ...visit(1, "2026-11-12"), completedOn: "2026-11-14" }, tenant),
    t.task("care-planning", "StatutoryTaskScheduled", childId, visit(2, "2026-11-20"), tenant),
    t.task("care-planning", "StatutoryTaskScheduled", childId, visit(3, "2026-11-21"), tenant),
    t.task("care-planning", "StatutoryTaskCancelled", childId, { ...visit(3, "2026-11-21"), reason: "the placement ended" }, tenant),
    t.task("care-planning", "StatutoryTaskScheduled", childId, visit(4, "2026-12-20"), tenant),
  );
  await t.send("health", t.task("health", "StatutoryTaskScheduled", childId, { taskId: ids[5], task: "InitialHealthAssessment", dueDate: "2026-11-25" }, tenant));
  await trayUntil({}, 6, token);
  await eventually(async () => (await nodes({ statuses: ["DONE"] }, token)).length === 2);
  const r = await env.svc.query<{ complianceSummary: unknown[] }>(
    token,
    `query { complianceSummary(from: "2026-11-01", to: "2026-12-31") { kind due doneOnTime doneLate overdue notYetDue } }`,
  );
  expect(r.data?.complianceSummary).toEqual([
    { kind: "InitialHealthAssessment", due: 1, doneOnTime: 0, doneLate: 0, overdue: 1, notYetDue: 0 },
    { kind: "StatutoryVisit", due: 4, doneOnTime: 1, doneLate: 1, overdue: 1, notYetDue: 1 },
  ]);
  const november = await env.svc.query<{ complianceSummary: { kind: string; due: number }[] }>(
    token,
    `query { complianceSummary(from: "2026-11-01", to: "2026-11-30") { kind due } }`,
  );
  expect(november.data?.complianceSummary.find((l) => l.kind === "StatutoryVisit")?.due).toBe(3);
  const backwards = await env.svc.query(token, `query { complianceSummary(from: "2026-12-01", to: "2026-11-01") { kind } }`);
  expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
});

it("a redelivered event changes nothing, and an older event arriving after a newer one is ignored", async () => {
  const { tenant, token } = await freshTenant();
  const childId = randomUUID();
  const taskId = randomUUID();
  const scheduled = t.task("health", "StatutoryTaskScheduled", childId, { taskId, task: "ReviewHealthAssessment", dueDate: "2026-12-20" }, tenant);
  await t.send("health", scheduled);
  await trayUntil({}, 1, token);
  const completed = t.task("health", "StatutoryTaskCompleted", childId, { taskId, task: "ReviewHealthAssessment", dueDate: "2026-12-20", completedOn: "2026-11-30" }, tenant);
  await t.send("health", completed);
  await eventually(async () => (await nodes({}, token))[0]?.status === "DONE");
  const before = await nodes({}, token);
  // The same Scheduled event again (same id), then a marker on the same key: once the marker is processed, so is the copy.
  const marker = t.task("health", "StatutoryTaskScheduled", childId, { taskId: randomUUID(), task: "ReviewHealthAssessment", dueDate: "2027-06-01" }, tenant);
  await t.send("health", scheduled, marker);
  await t.processed(marker.id);
  expect(await t.timesProcessed(scheduled.id)).toBe(1);
  const after = await nodes({}, token);
  expect(after.filter((n) => n.id === before[0]!.id)).toEqual(before);
  expect(after).toHaveLength(2);
  // A copy of the Scheduled event under a new id but its original time: older than the completion, so ignored.
  const stale = { ...scheduled, id: randomUUID() };
  await t.send("health", stale);
  await t.processed(stale.id);
  expect((await nodes({}, token)).find((n) => n.id === before[0]!.id)?.status).toBe("DONE");
});

it("tasks for team managers are shown only to team managers", async () => {
  const { tenant, token } = await freshTenant();
  const manager = await env.keys.token({ tenant, roles: ["TEAM_MANAGER"] });
  const iro = await env.keys.token({ tenant, roles: ["IRO"] });
  const childId = randomUUID();
  await t.send(
    "safeguarding",
    t.task("safeguarding", "StatutoryTaskScheduled", childId, { taskId: randomUUID(), task: "Escalation", dueDate: "2026-12-01", assignedRole: "TEAM_MANAGER" }, tenant),
    t.task("safeguarding", "StatutoryTaskScheduled", childId, { taskId: randomUUID(), task: "FirstCoreGroup", dueDate: "2026-12-10" }, tenant),
  );
  const seenByManager = await trayUntil({}, 2, manager);
  expect(seenByManager.map((n) => [n.kind, n.assignedRole])).toEqual([
    ["Escalation", "TEAM_MANAGER"],
    ["FirstCoreGroup", null],
  ]);
  expect((await nodes({}, token)).map((n) => n.kind)).toEqual(["FirstCoreGroup"]);
  // The tray lists the whole tenant's tasks: an IRO (scoped to their allocated children) is refused it (issue 9).
  expect((await env.svc.query(iro, TRAY, {})).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  const none = await env.svc.query(null, TRAY, {});
  expect(none.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
});
