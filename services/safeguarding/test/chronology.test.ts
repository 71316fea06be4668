import { envelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { chronologyEvents, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { safeguarding } from "../src/service";

/** What the safeguarding domain tells the child's chronology, in the transaction of each change (read from the outbox). */
const env = serviceUnderTest(safeguarding);
beforeAll(() => setClock("2027-06-01T10:00:00Z"));
afterAll(() => setClock(null));

async function child() {
  const id = randomUUID();
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), [
    envelope({ type: "ChildRegistered", childId: id, payload: { dateOfBirth: "2016-03-03", lookedAfterSince: null } }, { tenant: "E09000027", source: "children", actor: "test" }),
  ]);
  return id;
}
async function run(op: string, type: string, input: Record<string, unknown>): Promise<{ id: string }> {
  const r = await env.svc.query<Record<string, { id: string }>>(env.token, `mutation($input: ${type}!) { ${op}(input: $input) { id } }`, { input });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!;
}
const told = (childId: string) => chronologyEvents(env.svc.service.deps.db, "safeguarding", childId);

it("the child-protection pathway, one entry per step: categories, decisions and days, never the concern's narrative or the agencies", async () => {
  const id = await child();
  const concern = await run("raiseConcern", "RaiseConcernInput", {
    childId: id,
    category: "NEGLECT",
    riskLevel: "HIGH",
    summary: "Neighbour reports the child left alone overnight",
    sourceAgency: "Riverside Primary School",
    raisedOn: "2026-12-14",
  });
  const discussion = await run("recordStrategyDiscussion", "RecordStrategyDiscussionInput", {
    childId: id,
    heldOn: "2026-12-18",
    outcome: "SECTION_47",
    agencies: ["children's social care", "police", "health"],
  });
  const enquiry = await run("recordSection47Outcome", "RecordSection47OutcomeInput", { childId: id, outcome: "CONFERENCE", completedOn: "2027-01-05" });
  const icpc = await run("recordChildProtectionConference", "RecordChildProtectionConferenceInput", { childId: id, heldOn: "2027-01-12", kind: "INITIAL", planCategory: "NEGLECT" });
  const coreGroup = await run("recordCoreGroup", "RecordCoreGroupInput", { childId: id, heldOn: "2027-01-20" });
  const review = await run("recordChildProtectionConference", "RecordChildProtectionConferenceInput", { childId: id, heldOn: "2027-04-12", kind: "REVIEW", endPlan: true });
  const entries = await told(id);
  const planId = (entries.find((e) => e.kind === "ChildProtectionPlanStarted")?.entryId as string).split(":")[1];
  expect(entries.map(({ entryId, kind, on, summary }) => ({ entryId, kind, on, summary }))).toEqual([
    { entryId: `concern:${concern.id}`, kind: "ConcernRaised", on: "2026-12-14", summary: "Concern raised: neglect, risk HIGH" },
    {
      entryId: `strategy-discussion:${discussion.id}`,
      kind: "StrategyDiscussionHeld",
      on: "2026-12-18",
      summary: "Strategy discussion held: decided section 47 enquiries (Children Act 1989 s47)",
    },
    {
      entryId: `section-47-enquiry:${enquiry.id}:concluded`,
      kind: "Section47EnquiryConcluded",
      on: "2027-01-05",
      summary: "Section 47 enquiry concluded: concerns substantiated; an initial child protection conference",
    },
    {
      entryId: `child-protection-conference:${icpc.id}`,
      kind: "InitialChildProtectionConference",
      on: "2027-01-12",
      summary: "Initial child protection conference held: a child protection plan, category neglect",
    },
    { entryId: `child-protection-plan:${planId}:started`, kind: "ChildProtectionPlanStarted", on: "2027-01-12", summary: "Child protection plan started: category neglect" },
    { entryId: `core-group:${coreGroup.id}`, kind: "CoreGroupHeld", on: "2027-01-20", summary: "Core group meeting held" },
    { entryId: `child-protection-conference:${review.id}`, kind: "ChildProtectionReviewConference", on: "2027-04-12", summary: "Review child protection conference held: the plan ends" },
    { entryId: `child-protection-plan:${planId}:ended`, kind: "ChildProtectionPlanEnded", on: "2027-04-12", summary: "Child protection plan ended (category neglect)" },
  ]);
  expect(JSON.stringify(entries)).not.toMatch(/Neighbour|overnight|Riverside|police/);
});

it("a strategy discussion deciding no further action, and an initial conference deciding no plan, say so", async () => {
  const id = await child();
  await run("recordStrategyDiscussion", "RecordStrategyDiscussionInput", { childId: id, heldOn: "2027-02-01", outcome: "NO_FURTHER_ACTION" });
  expect((await told(id)).map((e) => e.summary)).toEqual(["Strategy discussion held: decided no further action"]);
  await run("recordStrategyDiscussion", "RecordStrategyDiscussionInput", { childId: id, heldOn: "2027-03-01", outcome: "SECTION_47" });
  await run("recordChildProtectionConference", "RecordChildProtectionConferenceInput", { childId: id, heldOn: "2027-03-15", kind: "INITIAL" });
  expect((await told(id)).at(-1)).toMatchObject({ kind: "InitialChildProtectionConference", summary: "Initial child protection conference held: no child protection plan" });
});
