import { eventually } from "@caregraph/platform/testing";
import { graphql, graphqlOk } from "../src/client";
import { useStack } from "./use-stack";

/**
 * One child's week across the whole graph, as a social worker sees it in the work tray: every
 * domain publishes its statutory tasks, care-planning's tray shows them with their workings.
 * The whole stack shares one clock, set to 18 Dec 2026 10:00 (CAREGRAPH_CLOCK for each process).
 */
const e2e = useStack("e2etray", { clock: "2026-12-18T10:00:00Z" });
let token: string;
beforeAll(async () => {
  token = await e2e.keys.token({ tenant: "E09000027", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"] });
});

const ok = <T>(query: string, variables?: Record<string, unknown>) => graphqlOk<T>(e2e.stack.gatewayUrl, token, query, variables);

type Task = { kind: string; dueDate: string; dueAt: string | null; status: string; domain: string; authority: string; explanation: string; child: { id: string } };
const tray = async (childId: string): Promise<Task[]> =>
  (
    await ok<{ workTray: { edges: { node: Task }[] } }>(
      `query($f: WorkTrayFilter) { workTray(filter: $f, first: 100) { edges { node { kind dueDate dueAt status domain authority explanation child { id } } } } }`,
      { f: { childId } },
    )
  ).workTray.edges.map((e) => e.node);
const taskOf = (childId: string, kind: string) => eventually(async () => (await tray(childId)).find((t) => t.kind === kind), 20_000);

let childId: string;

it("a child who came into care on 11 Dec 2026 has an initial health assessment, a first looked-after review and a first PEP in the tray", async () => {
  const { registerChild } = await ok<{ registerChild: { id: string } }>(
    `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
    { input: { firstName: "Wren", lastName: "Tallowfield", dateOfBirth: "2014-06-09", sex: "FEMALE", lookedAfterSince: "2026-12-11", legalStatus: "C2" } },
  );
  childId = registerChild.id;
  const iha = await taskOf(childId, "InitialHealthAssessment");
  // 20 working days after 11 Dec 2026, stepping over 25 Dec, 28 Dec and 1 Jan.
  expect(iha).toMatchObject({ dueDate: "2027-01-13", domain: "health", child: { id: childId } });
  expect(iha.explanation).toContain("bank holidays 25 Dec, 28 Dec, 1 Jan skipped");
  expect(await taskOf(childId, "LookedAfterReview")).toMatchObject({ dueDate: "2027-01-13", domain: "care-planning" });
  // Education: the first personal education plan, ready for that first review.
  expect(await taskOf(childId, "PersonalEducationPlan")).toMatchObject({ dueDate: "2027-01-13", domain: "education" });
});

it("a placement start puts a statutory visit in the tray, due within a week", async () => {
  await ok(`mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
    input: { childId, type: "U4", startDate: "2026-12-14", provider: "PR1", postcode: "TW9 1AA" },
  });
  const visit = await taskOf(childId, "StatutoryVisit");
  expect(visit).toMatchObject({ dueDate: "2026-12-21", domain: "care-planning" });
  expect(visit.authority).toMatch(/reg 28/);
});

it("a strategy discussion that starts a section 47 enquiry puts the initial child protection conference in the tray, 15 working days on", async () => {
  await ok(`mutation($input: RecordStrategyDiscussionInput!) { recordStrategyDiscussion(input: $input) { id } }`, {
    input: { childId, heldOn: "2026-12-18", outcome: "SECTION_47" },
  });
  const icpc = await taskOf(childId, "InitialChildProtectionConference");
  expect(icpc).toMatchObject({ dueDate: "2027-01-13", domain: "safeguarding" });
  expect(icpc.explanation).toBe(
    "Initial child protection conference due 13 Jan 2027: 15 working days after the strategy discussion on 18 Dec 2026 (bank holidays 25 Dec, 28 Dec, 1 Jan skipped)",
  );
  const { child } = await ok<{ child: { childProtection: { initialConferenceDueDate: string } } }>(
    `query($id: ID!) { child(id: $id) { childProtection { initialConferenceDueDate } } }`,
    { id: childId },
  );
  expect(child.childProtection.initialConferenceDueDate).toBe("2027-01-13");
});

it("a return from missing puts a return home interview in the tray, due 72 hours after the return", async () => {
  const { startMissingEpisode } = await ok<{ startMissingEpisode: { id: string } }>(
    `mutation($input: StartMissingEpisodeInput!) { startMissingEpisode(input: $input) { id } }`,
    { input: { childId, startedAt: "2026-12-16T21:00:00Z", kind: "MISSING" } },
  );
  const { endMissingEpisode } = await ok<{ endMissingEpisode: { returnInterviewDueAt: string } }>(
    `mutation($input: EndMissingEpisodeInput!) { endMissingEpisode(input: $input) { returnInterviewDueAt } }`,
    { input: { episodeId: startMissingEpisode.id, endedAt: "2026-12-17T14:30:00Z" } },
  );
  expect(endMissingEpisode.returnInterviewDueAt).toBe("2026-12-20T14:30:00.000Z");
  const rhi = await taskOf(childId, "ReturnHomeInterview");
  expect(rhi).toMatchObject({ dueAt: "2026-12-20T14:30:00.000Z", dueDate: "2026-12-20", domain: "placements" });
});

it("the tray for one child spans at least five domains, each task with its rule and its workings", async () => {
  const tasks = await tray(childId);
  expect(new Set(tasks.map((t) => t.domain)).size).toBeGreaterThanOrEqual(5);
  for (const t of tasks) {
    expect(t.authority).not.toBe("");
    expect(t.explanation).toMatch(/due \d{1,2} [A-Z][a-z]{2} \d{4}/);
  }
});

it("bad input across the new domains names the field and the rule, and writes nothing", async () => {
  const conference = await graphql(e2e.stack.gatewayUrl, token, `mutation($input: RecordChildProtectionConferenceInput!) { recordChildProtectionConference(input: $input) { id } }`, {
    input: { childId, heldOn: "2026-12-17", kind: "INITIAL", planCategory: "NEGLECT" },
  });
  expect(conference.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.heldOn", rule: "CONFERENCE_BEFORE_STRATEGY_DISCUSSION" });
  const visit = await graphql(e2e.stack.gatewayUrl, token, `mutation($input: RecordStatutoryVisitInput!) { recordStatutoryVisit(input: $input) { dueDate } }`, {
    input: { childId, visitedOn: "2026-12-13" },
  });
  expect(visit.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.visitedOn", rule: "VISIT_BEFORE_PLACEMENT_START" });
  const { startMissingEpisode } = await ok<{ startMissingEpisode: { id: string } }>(
    `mutation($input: StartMissingEpisodeInput!) { startMissingEpisode(input: $input) { id } }`,
    { input: { childId, startedAt: "2026-12-18T08:00:00Z", kind: "AWAY" } },
  );
  const second = await graphql(e2e.stack.gatewayUrl, token, `mutation($input: StartMissingEpisodeInput!) { startMissingEpisode(input: $input) { id } }`, {
    input: { childId, startedAt: "2026-12-18T09:00:00Z", kind: "MISSING" },
  });
  expect(second.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", rule: "SECOND_OPEN_EPISODE" });
  // Nothing was written: no conference, no visit, no second episode.
  const { child } = await ok<{ child: { missingEpisodes: { id: string }[]; statutoryVisits: { visitedOn: string | null }[]; childProtection: { conferences: unknown[] } } }>(
    `query($id: ID!) { child(id: $id) { missingEpisodes { id } statutoryVisits { visitedOn } childProtection { conferences { id } } } }`,
    { id: childId },
  );
  expect(child.missingEpisodes.map((e) => e.id)).toContain(startMissingEpisode.id);
  expect(child.missingEpisodes).toHaveLength(2);
  expect(child.statutoryVisits.every((v) => v.visitedOn === null)).toBe(true);
  expect(child.childProtection.conferences).toEqual([]);
});
