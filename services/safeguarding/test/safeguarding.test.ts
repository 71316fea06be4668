import { envelope, EventEnvelope, eventsTopic, setClock } from "@caregraph/platform";
import { collect, eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { escalateOverdueConferences, startEscalationJob } from "../src/escalation";
import { safeguarding } from "../src/service";

const env = serviceUnderTest(safeguarding);
const TENANT = "E09000027";

const childEvent = (type: string, childId: string, payload: Record<string, unknown>) =>
  envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);

/** A child the children domain has announced (mutations wait briefly for the directory to catch up). */
async function child(dateOfBirth = "2016-03-03") {
  const id = randomUUID();
  await send(childEvent("ChildRegistered", id, { dateOfBirth, lookedAfterSince: null }));
  return id;
}

type Gql = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
const gql = (doc: string, variables: Record<string, unknown>, token = env.token): Promise<Gql> => env.svc.query(token, doc, variables);

const RAISE = `mutation($input: RaiseConcernInput!) { raiseConcern(input: $input) { id category riskLevel likelihood impact riskScore riskExplanation sourceAgency raisedOn escalation { id task assignedRole dueDate status } } }`;
const DISCUSS = `mutation($input: RecordStrategyDiscussionInput!) { recordStrategyDiscussion(input: $input) { id heldOn outcome agencies section47Enquiry { id startedOn latestDiscussionOn } } }`;
const CONFERENCE = `mutation($input: RecordChildProtectionConferenceInput!) { recordChildProtectionConference(input: $input) { id kind heldOn planCategory plan { category startDate endDate } } }`;
const CORE_GROUP = `mutation($input: RecordCoreGroupInput!) { recordCoreGroup(input: $input) { id heldOn plan { category } } }`;
const S47_OUTCOME = `mutation($input: RecordSection47OutcomeInput!) { recordSection47Outcome(input: $input) { id outcome completedOn startedOn } }`;

interface Task { id: string; task: string; dueDate: string; status: string; authority: string; explanation: string; assignedRole: string | null; completedOn: string | null; cancelledOn: string | null; cancelReason: string | null }
interface Pathway {
  initialConferenceDueDate: string | null;
  initialConferenceDueExplanation: string | null;
  firstCoreGroupDueDate: string | null;
  firstCoreGroupDueExplanation: string | null;
  nextReviewConferenceDueDate: string | null;
  nextReviewConferenceDueExplanation: string | null;
  plan: { id: string; category: string; startDate: string; endDate: string | null } | null;
  plans: { id: string }[];
  section47Enquiry: { startedOn: string; latestDiscussionOn: string; outcome: string | null; completedOn: string | null; initialConference: { heldOn: string } | null } | null;
  strategyDiscussions: { heldOn: string; outcome: string; agencies: string[] }[];
  conferences: { kind: string; heldOn: string; planCategory: string | null }[];
  coreGroups: { heldOn: string }[];
  tasks: Task[];
}
const TASK_FIELDS = "id task dueDate status authority explanation assignedRole completedOn cancelledOn cancelReason";
const PATHWAY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
  concerns { id riskLevel }
  childProtection {
    initialConferenceDueDate initialConferenceDueExplanation firstCoreGroupDueDate firstCoreGroupDueExplanation
    nextReviewConferenceDueDate nextReviewConferenceDueExplanation
    plan { id category startDate endDate } plans { id }
    section47Enquiry { startedOn latestDiscussionOn outcome completedOn initialConference { heldOn } }
    strategyDiscussions { heldOn outcome agencies } conferences { kind heldOn planCategory } coreGroups { heldOn }
    tasks { ${TASK_FIELDS} }
  } } } }`;
async function pathway(childId: string, token = env.token): Promise<{ concerns: { id: string; riskLevel: string }[]; childProtection: Pathway | null }> {
  const r = await gql(PATHWAY, { reps: [{ __typename: "Child", id: childId }] }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return (r.data?._entities as { concerns: { id: string; riskLevel: string }[]; childProtection: Pathway | null }[])[0]!;
}
const tasksOf = async (childId: string) => (await pathway(childId)).childProtection?.tasks ?? [];

/** Every row this child has anywhere in the schema, including the outbox and the audit trail. */
async function footprint(childId: string) {
  const db = env.svc.service.deps.db;
  const count = async (sql: string) => Number((await db.$queryRawUnsafe<{ n: bigint }[]>(sql, childId))[0]?.n ?? 0);
  const tables = ["concern", "strategy_discussion", "section47_enquiry", "child_protection_conference", "child_protection_plan", "core_group", "safeguarding_task"];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = await count(`SELECT count(*) AS n FROM safeguarding.${t} WHERE child_id = $1::uuid`);
  // (Copies of audit entries for the trail — reads are audited too — are not domain events.)
  counts.outbox = await count(`SELECT count(*) AS n FROM safeguarding.outbox_event WHERE key = $1 AND topic <> 'caregraph.audit'`);
  counts.audit = await count(`SELECT count(*) AS n FROM safeguarding.audit_entry WHERE child_id = $1`);
  return counts;
}

let listener: Awaited<ReturnType<typeof collect>>;
beforeAll(async () => {
  listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("safeguarding")]);
}, 60_000);
afterAll(async () => {
  await listener?.stop();
  setClock(null);
});
const published = (childId: string, type: string, n = 1) =>
  eventually(async () => {
    const found = listener.events().filter((e) => e.childId === childId && e.type === type);
    return found.length >= n ? found : undefined;
  }, 20_000);

/** A child with a SECTION_47 strategy discussion on `heldOn` (clock set a little after it). */
async function inSection47(heldOn: string, clock: string) {
  setClock(clock);
  const id = await child();
  const r = await gql(DISCUSS, { input: { childId: id, heldOn, outcome: "SECTION_47", agencies: ["Police", "Health"] } });
  expect(r.errors).toBeUndefined();
  return id;
}

/** A child on a plan from an ICPC on `icpcOn`. */
async function onPlan(discussedOn: string, icpcOn: string, clock: string, category = "NEGLECT") {
  const id = await inSection47(discussedOn, clock);
  const r = await gql(CONFERENCE, { input: { childId: id, heldOn: icpcOn, kind: "INITIAL", planCategory: category } });
  expect(r.errors).toBeUndefined();
  return id;
}

describe("the child-protection pathway", () => {
  it("a SECTION_47 strategy discussion on 18 Dec 2026 starts a section 47 enquiry and makes the ICPC due 13 Jan 2027, showing its working", async () => {
    const id = await inSection47("2026-12-18", "2026-12-21T10:00:00Z");
    const cp = (await pathway(id)).childProtection!;
    expect(cp.initialConferenceDueDate).toBe("2027-01-13");
    expect(cp.initialConferenceDueExplanation).toBe(
      "Initial child protection conference due 13 Jan 2027: 15 working days after the strategy discussion on 18 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
    );
    expect(cp.section47Enquiry).toMatchObject({ startedOn: "2026-12-18", latestDiscussionOn: "2026-12-18", outcome: null, initialConference: null });
    expect(cp.strategyDiscussions).toEqual([{ heldOn: "2026-12-18", outcome: "SECTION_47", agencies: ["Police", "Health"] }]);
    expect(cp.tasks).toHaveLength(1);
    expect(cp.tasks[0]).toMatchObject({ task: "InitialChildProtectionConference", status: "DUE", assignedRole: null });
    expect(cp.tasks[0]!.authority).toMatch(/Working Together to Safeguard Children 2023.*not verified/);

    // Through the outbox to the broker: the discussion, then the task for the work tray.
    const [held] = await published(id, "StrategyDiscussionHeld");
    expect(held).toMatchObject({ source: "safeguarding", tenant: TENANT, payload: { heldOn: "2026-12-18", outcome: "SECTION_47", agencies: ["Police", "Health"] } });
    const [scheduled] = await published(id, "StatutoryTaskScheduled");
    expect(scheduled?.payload).toMatchObject({
      taskId: cp.tasks[0]!.id,
      task: "InitialChildProtectionConference",
      dueDate: "2027-01-13",
      explanation: cp.initialConferenceDueExplanation,
    });
  });

  it("a child with no strategy discussion has no child-protection pathway", async () => {
    const id = await child();
    await gql(RAISE, { input: { childId: id, category: "NEGLECT", riskLevel: "LOW", summary: "Missed nursery", raisedOn: "2026-11-02" } });
    expect((await pathway(id)).childProtection).toBeNull();
  });

  it("a SECTION_17 or NO_FURTHER_ACTION discussion sets no conference", async () => {
    setClock("2026-12-21T10:00:00Z");
    const id = await child();
    await gql(DISCUSS, { input: { childId: id, heldOn: "2026-12-01", outcome: "SECTION_17" } });
    const cp = (await pathway(id)).childProtection!;
    expect(cp.initialConferenceDueDate).toBeNull();
    expect(cp.section47Enquiry).toBeNull();
    expect(cp.tasks).toEqual([]);
  });

  it("a second SECTION_47 discussion moves the ICPC to 15 working days after the latest one (same task, re-scheduled)", async () => {
    const id = await inSection47("2026-12-01", "2026-12-21T10:00:00Z");
    const [first] = await tasksOf(id);
    expect(first?.dueDate).toBe("2026-12-22");
    await gql(DISCUSS, { input: { childId: id, heldOn: "2026-12-10", outcome: "SECTION_47" } });
    const cp = (await pathway(id)).childProtection!;
    expect(cp.tasks).toHaveLength(1);
    expect(cp.tasks[0]).toMatchObject({ id: first!.id, dueDate: "2027-01-05" });
    expect(cp.section47Enquiry).toMatchObject({ startedOn: "2026-12-01", latestDiscussionOn: "2026-12-10" });
    const moves = await published(id, "StatutoryTaskScheduled", 2);
    expect(moves.map((e) => [e.payload.taskId, e.payload.dueDate])).toEqual([
      [first!.id, "2026-12-22"],
      [first!.id, "2027-01-05"],
    ]);
  });

  it("an ICPC deciding a plan starts it, completes the ICPC task, and schedules the first core group (10 WD) and review (3 months)", async () => {
    const id = await inSection47("2026-12-18", "2027-01-13T16:00:00Z");
    const r = await gql(CONFERENCE, { input: { childId: id, heldOn: "2027-01-13", kind: "INITIAL", planCategory: "EMOTIONAL_ABUSE" } });
    expect(r.data?.recordChildProtectionConference).toMatchObject({
      kind: "INITIAL",
      heldOn: "2027-01-13",
      planCategory: "EMOTIONAL_ABUSE",
      plan: { category: "EMOTIONAL_ABUSE", startDate: "2027-01-13", endDate: null },
    });
    const cp = (await pathway(id)).childProtection!;
    expect(cp.initialConferenceDueDate).toBeNull();
    expect(cp.firstCoreGroupDueDate).toBe("2027-01-27");
    expect(cp.firstCoreGroupDueExplanation).toBe("First core group meeting due 27 Jan 2027: 10 working days after the initial child protection conference on 13 Jan 2027");
    expect(cp.nextReviewConferenceDueDate).toBe("2027-04-13");
    expect(cp.nextReviewConferenceDueExplanation).toBe(
      "Child protection review conference due 13 Apr 2027: 3 months after the initial child protection conference on 13 Jan 2027",
    );
    expect(cp.plan).toMatchObject({ category: "EMOTIONAL_ABUSE", startDate: "2027-01-13", endDate: null });
    expect(cp.section47Enquiry?.initialConference).toEqual({ heldOn: "2027-01-13" });
    expect(cp.tasks.find((t) => t.task === "InitialChildProtectionConference")).toMatchObject({ status: "COMPLETED", completedOn: "2027-01-13" });

    const [started] = await published(id, "ChildProtectionPlanStarted");
    expect(started?.payload).toMatchObject({ category: "EMOTIONAL_ABUSE", startDate: "2027-01-13" });
    const [completed] = await published(id, "StatutoryTaskCompleted");
    expect(completed?.payload).toMatchObject({ task: "InitialChildProtectionConference", completedOn: "2027-01-13" });
  });

  it("an ICPC without a plan category starts no plan", async () => {
    const id = await inSection47("2026-12-18", "2027-01-13T16:00:00Z");
    await gql(CONFERENCE, { input: { childId: id, heldOn: "2027-01-12", kind: "INITIAL" } });
    const cp = (await pathway(id)).childProtection!;
    expect(cp.plan).toBeNull();
    expect(cp.tasks.map((t) => [t.task, t.status])).toEqual([["InitialChildProtectionConference", "COMPLETED"]]);
  });

  it("the plan over more than a year: core group, review at 3 months, then 6-monthly, and a review with no category ends it and cancels its tasks", async () => {
    const id = await onPlan("2026-08-14", "2026-08-31", "2026-09-01T10:00:00Z", "NEGLECT");
    let cp = (await pathway(id)).childProtection!;
    // 10 working days after Mon 31 Aug 2026 (itself the August bank holiday): Mon 14 Sep 2026.
    expect(cp.firstCoreGroupDueDate).toBe("2026-09-14");
    expect(cp.nextReviewConferenceDueDate).toBe("2026-11-30");

    setClock("2026-09-15T10:00:00Z");
    expect((await gql(CORE_GROUP, { input: { childId: id, heldOn: "2026-09-10" } })).data?.recordCoreGroup).toMatchObject({ heldOn: "2026-09-10", plan: { category: "NEGLECT" } });
    cp = (await pathway(id)).childProtection!;
    expect(cp.firstCoreGroupDueDate).toBeNull();
    expect(cp.tasks.find((t) => t.task === "FirstCoreGroup")).toMatchObject({ status: "COMPLETED", completedOn: "2026-09-10" });

    setClock("2026-12-01T10:00:00Z");
    await gql(CONFERENCE, { input: { childId: id, heldOn: "2026-11-30", kind: "REVIEW", planCategory: "NEGLECT" } });
    expect((await pathway(id)).childProtection!.nextReviewConferenceDueDate).toBe("2027-05-30");
    expect((await pathway(id)).childProtection!.nextReviewConferenceDueExplanation).toBe(
      "Child protection review conference due 30 May 2027: 6 months after the previous review conference on 30 Nov 2026",
    );

    // Held early: the next one counts from the day it was actually held; the category changes.
    setClock("2027-05-21T10:00:00Z");
    await gql(CONFERENCE, { input: { childId: id, heldOn: "2027-05-20", kind: "REVIEW", planCategory: "EMOTIONAL_ABUSE" } });
    cp = (await pathway(id)).childProtection!;
    expect(cp.nextReviewConferenceDueDate).toBe("2027-11-20");
    expect(cp.plan?.category).toBe("EMOTIONAL_ABUSE");

    setClock("2027-11-20T10:00:00Z");
    const ended = await gql(CONFERENCE, { input: { childId: id, heldOn: "2027-11-19", kind: "REVIEW", endPlan: true } });
    expect(ended.data?.recordChildProtectionConference).toMatchObject({ kind: "REVIEW", planCategory: null, plan: { endDate: "2027-11-19" } });
    cp = (await pathway(id)).childProtection!;
    expect(cp.plan).toMatchObject({ startDate: "2026-08-31", endDate: "2027-11-19" });
    expect(cp.nextReviewConferenceDueDate).toBeNull();
    expect(cp.tasks.filter((t) => t.status === "DUE" || t.status === "OVERDUE")).toEqual([]);
    expect(cp.tasks.map((t) => [t.task, t.dueDate, t.status])).toEqual([
      ["InitialChildProtectionConference", "2026-09-07", "COMPLETED"],
      ["FirstCoreGroup", "2026-09-14", "COMPLETED"],
      ["ChildProtectionReviewConference", "2026-11-30", "COMPLETED"],
      ["ChildProtectionReviewConference", "2027-05-30", "COMPLETED"],
      ["ChildProtectionReviewConference", "2027-11-20", "COMPLETED"],
    ]);
    const [planEnded] = await published(id, "ChildProtectionPlanEnded");
    expect(planEnded?.payload).toMatchObject({ endDate: "2027-11-19" });
  });

  it("ending the plan before the first core group cancels that task", async () => {
    const id = await onPlan("2026-12-18", "2027-01-13", "2027-01-20T10:00:00Z");
    await gql(CONFERENCE, { input: { childId: id, heldOn: "2027-01-20", kind: "REVIEW", endPlan: true } });
    const cp = (await pathway(id)).childProtection!;
    expect(cp.tasks.find((t) => t.task === "FirstCoreGroup")).toMatchObject({ status: "CANCELLED", cancelReason: "child protection plan ended" });
    const [cancelled] = await published(id, "StatutoryTaskCancelled");
    expect(cancelled?.payload).toMatchObject({ task: "FirstCoreGroup", reason: "child protection plan ended" });
  });

  it("a section 47 enquiry concluded without a conference cancels the pending ICPC", async () => {
    const id = await inSection47("2026-12-01", "2026-12-10T10:00:00Z");
    const r = await gql(S47_OUTCOME, { input: { childId: id, outcome: "NO_FURTHER_ACTION", completedOn: "2026-12-09" } });
    expect(r.data?.recordSection47Outcome).toMatchObject({ outcome: "NO_FURTHER_ACTION", completedOn: "2026-12-09", startedOn: "2026-12-01" });
    const cp = (await pathway(id)).childProtection!;
    expect(cp.initialConferenceDueDate).toBeNull();
    expect(cp.tasks[0]).toMatchObject({ status: "CANCELLED", cancelReason: "section 47 enquiry concluded without a conference" });
    // A new SECTION_47 discussion then starts a fresh enquiry.
    await gql(DISCUSS, { input: { childId: id, heldOn: "2026-12-10", outcome: "SECTION_47" } });
    expect((await pathway(id)).childProtection!.initialConferenceDueDate).toBe("2027-01-05");
  });

  it("leaving care does not end a child protection plan nor cancel its tasks", async () => {
    const id = await onPlan("2026-12-18", "2027-01-13", "2027-01-14T10:00:00Z");
    const ceased = childEvent("ChildCeasedLookedAfter", id, { endDate: "2027-01-14", reason: "E11" });
    const marker = childEvent("ChildRestored", id, {});
    await send(ceased, marker);
    await eventually(async () =>
      (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM safeguarding.processed_event WHERE event_id = $1::uuid", marker.id)).length === 1,
    );
    const cp = (await pathway(id)).childProtection!;
    expect(cp.plan?.endDate).toBeNull();
    expect(cp.firstCoreGroupDueDate).toBe("2027-01-27");
    expect(cp.nextReviewConferenceDueDate).toBe("2027-04-13");
  });
});

describe("bad input is refused by field and rule, and writes nothing", () => {
  const cases: [string, (id: string) => Promise<unknown>, (id: string) => Promise<Gql>, string, string][] = [
    ["an ICPC with no section 47 discussion", async () => undefined, (id) => gql(CONFERENCE, { input: { childId: id, heldOn: "2026-12-01", kind: "INITIAL", planCategory: "NEGLECT" } }), "input.kind", "NO_SECTION_47"],
    [
      "an ICPC with only a SECTION_17 discussion",
      (id) => gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-20", outcome: "SECTION_17" } }),
      (id) => gql(CONFERENCE, { input: { childId: id, heldOn: "2026-12-01", kind: "INITIAL" } }),
      "input.kind",
      "NO_SECTION_47",
    ],
    [
      "an ICPC before its strategy discussion",
      (id) => gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-20", outcome: "SECTION_47" } }),
      (id) => gql(CONFERENCE, { input: { childId: id, heldOn: "2026-11-19", kind: "INITIAL", planCategory: "NEGLECT" } }),
      "input.heldOn",
      "CONFERENCE_BEFORE_STRATEGY_DISCUSSION",
    ],
    [
      "a second INITIAL conference for the same section 47 enquiry",
      async (id) => {
        await gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-20", outcome: "SECTION_47" } });
        await gql(CONFERENCE, { input: { childId: id, heldOn: "2026-11-25", kind: "INITIAL", planCategory: "NEGLECT" } });
      },
      (id) => gql(CONFERENCE, { input: { childId: id, heldOn: "2026-11-26", kind: "INITIAL", planCategory: "NEGLECT" } }),
      "input.kind",
      "INITIAL_CONFERENCE_ALREADY_HELD",
    ],
    ["a REVIEW with no plan", async () => undefined, (id) => gql(CONFERENCE, { input: { childId: id, heldOn: "2026-12-01", kind: "REVIEW", planCategory: "NEGLECT" } }), "input.kind", "NO_ACTIVE_PLAN"],
    [
      "a REVIEW before the ICPC",
      async (id) => {
        await gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-20", outcome: "SECTION_47" } });
        await gql(CONFERENCE, { input: { childId: id, heldOn: "2026-11-25", kind: "INITIAL", planCategory: "NEGLECT" } });
      },
      (id) => gql(CONFERENCE, { input: { childId: id, heldOn: "2026-11-24", kind: "REVIEW", endPlan: true } }),
      "input.heldOn",
      "REVIEW_BEFORE_PREVIOUS_CONFERENCE",
    ],
    [
      "a REVIEW that says neither that the plan continues nor that it ends",
      async (id) => {
        await gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-20", outcome: "SECTION_47" } });
        await gql(CONFERENCE, { input: { childId: id, heldOn: "2026-11-25", kind: "INITIAL", planCategory: "NEGLECT" } });
      },
      (id) => gql(CONFERENCE, { input: { childId: id, heldOn: "2026-11-30", kind: "REVIEW" } }),
      "input.endPlan",
      "PLAN_DECISION_REQUIRED",
    ],
    [
      "a core group before the ICPC",
      async (id) => {
        await gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-20", outcome: "SECTION_47" } });
        await gql(CONFERENCE, { input: { childId: id, heldOn: "2026-11-25", kind: "INITIAL", planCategory: "NEGLECT" } });
      },
      (id) => gql(CORE_GROUP, { input: { childId: id, heldOn: "2026-11-24" } }),
      "input.heldOn",
      "CORE_GROUP_BEFORE_CONFERENCE",
    ],
    ["a core group with no plan", async () => undefined, (id) => gql(CORE_GROUP, { input: { childId: id, heldOn: "2026-11-24" } }), "input.childId", "NO_ACTIVE_PLAN"],
    ["a strategy discussion in the future", async () => undefined, (id) => gql(DISCUSS, { input: { childId: id, heldOn: "2026-12-02", outcome: "SECTION_47" } }), "input.heldOn", "NOT_IN_FUTURE"],
    ["a strategy discussion before birth", async () => undefined, (id) => gql(DISCUSS, { input: { childId: id, heldOn: "2016-03-02", outcome: "SECTION_47" } }), "input.heldOn", "NOT_BEFORE_BIRTH"],
    [
      "a conference in the future",
      (id) => gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-20", outcome: "SECTION_47" } }),
      (id) => gql(CONFERENCE, { input: { childId: id, heldOn: "2026-12-02", kind: "INITIAL" } }),
      "input.heldOn",
      "NOT_IN_FUTURE",
    ],
    ["a core group before birth", async () => undefined, (id) => gql(CORE_GROUP, { input: { childId: id, heldOn: "2015-01-01" } }), "input.heldOn", "NOT_BEFORE_BIRTH"],
    ["a concern raised in the future", async () => undefined, (id) => gql(RAISE, { input: { childId: id, category: "NEGLECT", riskLevel: "LOW", summary: "x", raisedOn: "2027-01-01" } }), "input.raisedOn", "NOT_IN_FUTURE"],
    ["a concern raised before birth", async () => undefined, (id) => gql(RAISE, { input: { childId: id, category: "NEGLECT", riskLevel: "LOW", summary: "x", raisedOn: "2010-01-01" } }), "input.raisedOn", "NOT_BEFORE_BIRTH"],
    [
      "a risk level that contradicts the matrix",
      async () => undefined,
      (id) => gql(RAISE, { input: { childId: id, category: "NEGLECT", riskLevel: "LOW", likelihood: 5, impact: 5, summary: "x", raisedOn: "2026-11-30" } }),
      "input.riskLevel",
      "RISK_LEVEL_CONTRADICTS_MATRIX",
    ],
    [
      "a section 47 outcome before the enquiry started",
      (id) => gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-20", outcome: "SECTION_47" } }),
      (id) => gql(S47_OUTCOME, { input: { childId: id, outcome: "CHILD_IN_NEED", completedOn: "2026-11-19" } }),
      "input.completedOn",
      "BEFORE_ENQUIRY_STARTED",
    ],
  ];

  it.each(cases)("%s", async (_name, arrange, act, field, rule) => {
    setClock("2026-12-01T12:00:00Z");
    const id = await child();
    await arrange(id);
    const before = await footprint(id);
    const r = await act(id);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    expect(await footprint(id)).toEqual(before);
  });

  it("a child of another local authority is not found", async () => {
    setClock("2026-12-01T12:00:00Z");
    const id = await child();
    const other = await env.keys.token({ tenant: "E08000003" });
    const r = await gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-20", outcome: "SECTION_47" } }, other);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.childId" });
    expect(await footprint(id)).toMatchObject({ strategy_discussion: 0, outbox: 0 });
  }, 20_000);
});

describe("concerns", () => {
  it("a concern rated on the matrix is recorded at the matrix's level and published as ConcernRaised", async () => {
    setClock("2026-12-01T12:00:00Z");
    const id = await child();
    const r = await gql(RAISE, {
      input: { childId: id, category: "PHYSICAL_ABUSE", summary: "Bruising seen at school", raisedOn: "2026-11-30", sourceAgency: "School", likelihood: 3, impact: 4 },
    });
    const concern = r.data?.raiseConcern as Record<string, unknown>;
    expect(concern).toMatchObject({ category: "PHYSICAL_ABUSE", riskLevel: "HIGH", likelihood: 3, impact: 4, riskScore: 12, sourceAgency: "School", raisedOn: "2026-11-30", escalation: null });
    expect(concern.riskExplanation).toMatch(/^likelihood 3 × impact 4 = 12: HIGH/);
    const [raised] = await published(id, "ConcernRaised");
    expect(raised?.payload).toEqual({ concernId: concern.id, category: "PHYSICAL_ABUSE", riskLevel: "HIGH", raisedOn: "2026-11-30" });
    expect((await pathway(id)).concerns).toEqual([{ id: concern.id, riskLevel: "HIGH" }]);
  });

  it("a CRITICAL concern raises an Escalation task for a team manager at once", async () => {
    setClock("2026-12-01T12:00:00Z");
    const id = await child();
    const r = await gql(RAISE, { input: { childId: id, category: "SEXUAL_ABUSE", summary: "Disclosure to teacher", raisedOn: "2026-11-30", likelihood: 5, impact: 4 } });
    expect(r.data?.raiseConcern).toMatchObject({ riskLevel: "CRITICAL", escalation: { task: "Escalation", assignedRole: "TEAM_MANAGER", dueDate: "2026-12-01", status: "DUE" } });
    const [scheduled] = await published(id, "StatutoryTaskScheduled");
    expect(scheduled?.payload).toMatchObject({ task: "Escalation", assignedRole: "TEAM_MANAGER", dueDate: "2026-12-01" });
    expect(String(scheduled?.payload.explanation)).toMatch(/^Escalation to a team manager due 1 Dec 2026: a concern assessed as CRITICAL \(raised on 30 Nov 2026\)/);
  });
});

describe("escalation of an ICPC that becomes overdue", () => {
  it("nothing is escalated on the due date; the day after, one Escalation for a team manager, once, however many replicas check", async () => {
    const id = await inSection47("2026-12-18", "2026-12-21T10:00:00Z");
    const deps = env.svc.service.deps;
    setClock("2027-01-13T17:00:00Z");
    await escalateOverdueConferences(deps);
    expect((await tasksOf(id)).filter((t) => t.task === "Escalation")).toEqual([]);

    setClock("2027-01-14T09:00:00Z");
    // Three replicas checking at the same moment.
    await Promise.all([escalateOverdueConferences(deps), escalateOverdueConferences(deps), escalateOverdueConferences(deps)]);
    await escalateOverdueConferences(deps);
    const tasks = await tasksOf(id);
    expect(tasks.find((t) => t.task === "InitialChildProtectionConference")?.status).toBe("OVERDUE");
    const escalations = tasks.filter((t) => t.task === "Escalation");
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ assignedRole: "TEAM_MANAGER", dueDate: "2027-01-14", status: "DUE" });
    expect(escalations[0]!.explanation).toBe(
      "Escalation to a team manager due 14 Jan 2027: the initial child protection conference was due by 13 Jan 2027 and had not been held (Initial child protection conference due 13 Jan 2027: 15 working days after the strategy discussion on 18 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped))",
    );
    const events = await published(id, "StatutoryTaskScheduled", 2);
    expect(events.filter((e) => e.payload.task === "Escalation")).toHaveLength(1);

    // Holding the conference completes both the conference task and its escalation.
    await gql(CONFERENCE, { input: { childId: id, heldOn: "2027-01-14", kind: "INITIAL", planCategory: "NEGLECT" } });
    expect((await tasksOf(id)).filter((t) => ["InitialChildProtectionConference", "Escalation"].includes(t.task)).map((t) => t.status)).toEqual(["COMPLETED", "COMPLETED"]);
  });

  it("a later SECTION_47 discussion restarts the conference clock, and the escalation of the old date lapses", async () => {
    const id = await inSection47("2026-12-01", "2026-12-02T10:00:00Z");
    setClock("2026-12-23T10:00:00Z");
    await escalateOverdueConferences(env.svc.service.deps);
    expect((await tasksOf(id)).find((t) => t.task === "Escalation")?.status).toBe("DUE");
    await gql(DISCUSS, { input: { childId: id, heldOn: "2026-12-23", outcome: "SECTION_47" } });
    const tasks = await tasksOf(id);
    expect(tasks.find((t) => t.task === "InitialChildProtectionConference")).toMatchObject({ dueDate: "2027-01-18", status: "DUE" });
    expect(tasks.find((t) => t.task === "Escalation")).toMatchObject({ status: "CANCELLED", cancelReason: "initial conference re-scheduled from a later strategy discussion" });
  });

  it("the periodic job finds an overdue conference with nobody acting", async () => {
    const id = await inSection47("2026-12-01", "2026-12-02T10:00:00Z");
    setClock("2026-12-23T10:00:00Z");
    const job = startEscalationJob(env.svc.service.deps, 50);
    try {
      const escalation = await eventually(async () => (await tasksOf(id)).find((t) => t.task === "Escalation"));
      expect(escalation).toMatchObject({ assignedRole: "TEAM_MANAGER", dueDate: "2026-12-23" });
    } finally {
      await job.stop();
    }
  });
});

describe("acknowledging an escalation", () => {
  const ACK = `mutation($input: AcknowledgeEscalationInput!) { acknowledgeEscalation(input: $input) { ${TASK_FIELDS} } }`;
  const criticalConcern = async () => {
    setClock("2026-12-01T12:00:00Z");
    const id = await child();
    const r = await gql(RAISE, { input: { childId: id, category: "EXPLOITATION", riskLevel: "CRITICAL", summary: "Seen with adults unknown to the family", raisedOn: "2026-12-01" } });
    const concern = r.data?.raiseConcern as { riskExplanation: string; escalation: { id: string } };
    expect(concern.riskExplanation).toBe("CRITICAL: the practitioner's judgement (no likelihood and impact rated)");
    return { id, taskId: concern.escalation.id };
  };

  it("a team manager acknowledges it: the Escalation task is completed and published", async () => {
    const { id, taskId } = await criticalConcern();
    const manager = await env.keys.token({ roles: ["TEAM_MANAGER"], userId: "tm-2" });
    setClock("2026-12-02T09:00:00Z");
    const r = await gql(ACK, { input: { taskId, acknowledgedOn: "2026-12-02", note: "Strategy discussion convened" } }, manager);
    expect(r.data?.acknowledgeEscalation).toMatchObject({ id: taskId, status: "COMPLETED", completedOn: "2026-12-02" });
    const [completed] = await published(id, "StatutoryTaskCompleted");
    expect(completed?.payload).toMatchObject({ taskId, task: "Escalation", completedOn: "2026-12-02", assignedRole: "TEAM_MANAGER" });
    const again = await gql(ACK, { input: { taskId, acknowledgedOn: "2026-12-02" } }, manager);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.taskId", rule: "ESCALATION_CLOSED" });
  });

  it("a social worker may not acknowledge it, nor may it be acknowledged before it was raised", async () => {
    const { id, taskId } = await criticalConcern();
    const refused = await gql(ACK, { input: { taskId, acknowledgedOn: "2026-12-01" } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const manager = await env.keys.token({ roles: ["TEAM_MANAGER"] });
    const before = await footprint(id);
    const early = await gql(ACK, { input: { taskId, acknowledgedOn: "2026-11-30" } }, manager);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.acknowledgedOn", rule: "BEFORE_ESCALATION" });
    expect(await footprint(id)).toEqual(before);
    const unknown = await gql(ACK, { input: { taskId: randomUUID(), acknowledgedOn: "2026-12-01" } }, manager);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.taskId" });
  });
});

describe("roles", () => {
  it("a team manager records and reads the pathway; an IRO may not", async () => {
    setClock("2026-12-01T12:00:00Z");
    const id = await child();
    const manager = await env.keys.token({ roles: ["TEAM_MANAGER"], userId: "tm-1" });
    const r = await gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-30", outcome: "SECTION_47" } }, manager);
    expect(r.errors).toBeUndefined();
    expect((await pathway(id, manager)).childProtection?.initialConferenceDueDate).toBe("2026-12-21");
    const iro = await env.keys.token({ roles: ["IRO"] });
    const refused = await gql(DISCUSS, { input: { childId: id, heldOn: "2026-11-30", outcome: "SECTION_47" } }, iro);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
