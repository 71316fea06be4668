import { eventually } from "@caregraph/platform/testing";
import { graphql, graphqlOk } from "../src/client";
import { seedCaseload } from "../src/seed";
import { subjectAccessExport } from "../src/subject-access";
import { useStack } from "./use-stack";

/**
 * The whole record across nine subgraphs: a 16-year-old unaccompanied asylum-seeking child,
 * looked after since June, is placed, goes missing, is the subject of a strategy discussion, has
 * her mother's contact arranged and her immigration decision recorded. Every domain that sets
 * statutory tasks puts one in the work tray; the chronology tells her story newest first; bad
 * input in the new domains names the field and the rule and writes nothing. Clock: 18 Dec 2026.
 */
const e2e = useStack("e2ewhole", { clock: "2026-12-18T10:00:00Z" });
let token: string;
beforeAll(async () => {
  token = await e2e.keys.token({ tenant: "E09000027", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"] });
});

const ok = <T>(query: string, variables?: Record<string, unknown>) => graphqlOk<T>(e2e.stack.gatewayUrl, token, query, variables);
const mutate = <T>(name: string, inputType: string, input: Record<string, unknown>, selection = "{ id }") =>
  ok<Record<string, T>>(`mutation($input: ${inputType}!) { ${name}(input: $input) ${selection} }`, { input }).then((r) => r[name]!);
const refusal = async (name: string, inputType: string, input: Record<string, unknown>) =>
  (await graphql(e2e.stack.gatewayUrl, token, `mutation($input: ${inputType}!) { ${name}(input: $input) { __typename } }`, { input })).errors?.[0]?.extensions;

type Task = { kind: string; domain: string; dueDate: string; explanation: string };
const tray = async (childId: string): Promise<Task[]> =>
  (
    await ok<{ workTray: { edges: { node: Task }[] } }>(`query($f: WorkTrayFilter) { workTray(filter: $f, first: 100) { edges { node { kind domain dueDate explanation } } } }`, {
      f: { childId },
    })
  ).workTray.edges.map((e) => e.node);

type Entry = { at: string; on: string; domain: string; kind: string; summary: string; recordedBy: string };
type Page = { edges: { cursor: string; node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const CHRONOLOGY = `query($id: ID!, $filter: ChronologyFilter, $first: Int, $after: String) { child(id: $id) {
  chronology(filter: $filter, first: $first, after: $after) { edges { cursor node { at on domain kind summary recordedBy } } pageInfo { hasNextPage endCursor } } } }`;
const chronology = async (id: string, vars: Record<string, unknown> = {}, as = token) =>
  (await graphqlOk<{ child: { chronology: Page } }>(e2e.stack.gatewayUrl, as, CHRONOLOGY, { id, ...vars })).child.chronology;

let childId: string;

it("a child registered, placed and known to every domain has tasks from at least eight domains in the work tray", async () => {
  childId = (
    await mutate<{ id: string }>("registerChild", "RegisterChildInput", {
      firstName: "Selam",
      lastName: "Oakhurst",
      dateOfBirth: "2010-05-01",
      sex: "FEMALE",
      lookedAfterSince: "2026-06-01",
      legalStatus: "V2",
    })
  ).id;
  await mutate("startPlacement", "StartPlacementInput", { childId, type: "U4", startDate: "2026-06-01", provider: "PR1" });
  const episode = await mutate<{ id: string }>("startMissingEpisode", "StartMissingEpisodeInput", { childId, startedAt: "2026-12-16T21:00:00Z", kind: "MISSING" });
  await mutate("endMissingEpisode", "EndMissingEpisodeInput", { episodeId: episode.id, endedAt: "2026-12-17T14:30:00Z" });
  await mutate("recordStrategyDiscussion", "RecordStrategyDiscussionInput", { childId, heldOn: "2026-12-18", outcome: "SECTION_47" });
  const mother = await mutate<{ id: string }>("addFamilyMember", "AddFamilyMemberInput", {
    childId,
    name: "Mother (synthetic)",
    relationship: "MOTHER",
    hasParentalResponsibility: true,
    parentalResponsibilityBasis: "BIRTH_MOTHER",
  });
  await mutate("recordContactArrangement", "RecordContactArrangementInput", {
    childId,
    familyMemberId: mother.id,
    kind: "VIDEO_CALL",
    frequency: { times: 1, period: "WEEK" },
    supervision: "SUPPORTED",
    basis: "AGREED",
    startDate: "2026-07-01",
  });
  await mutate("recordImmigrationStatus", "RecordImmigrationStatusInput", { childId, status: "UASC_LEAVE", decidedOn: "2026-10-01", leaveExpiresOn: "2027-06-30" }, "{ status }");
  await mutate("recordAgeAssessment", "RecordAgeAssessmentInput", { childId, assessedOn: "2026-07-15", outcome: "ACCEPTED", assessors: ["Assessor A (synthetic)", "Assessor B (synthetic)"] }, "{ outcome }");

  const expected = ["health", "care-planning", "education", "placements", "safeguarding", "family", "uasc", "leaving-care"];
  // Each domain's tasks arrive by events, some after others: wait for every one asserted below.
  const kinds = ["LeaveToRemainRenewal", "LeavingCareNeedsAssessment", "ContactArrangementReview", "InitialChildProtectionConference"];
  const tasks = await eventually(async () => {
    const t = await tray(childId);
    return expected.every((d) => t.some((x) => x.domain === d)) && kinds.every((k) => t.some((x) => x.kind === k)) ? t : undefined;
  }, 30_000);
  expect(new Set(tasks.map((t) => t.domain)).size).toBeGreaterThanOrEqual(8);
  // A few of them, with their workings.
  expect(tasks.find((t) => t.kind === "LeaveToRemainRenewal")).toMatchObject({ domain: "uasc", dueDate: "2027-03-30" });
  expect(tasks.find((t) => t.kind === "LeavingCareNeedsAssessment")).toMatchObject({ domain: "leaving-care" });
  expect(tasks.find((t) => t.kind === "ContactArrangementReview")).toMatchObject({ domain: "family" });
  expect(tasks.find((t) => t.kind === "InitialChildProtectionConference")).toMatchObject({ domain: "safeguarding", dueDate: "2027-01-13" });
  for (const t of tasks) expect(t.explanation).toMatch(/due \d{1,2} [A-Z][a-z]{2} \d{4}/);
});

it("the chronology merges at least six domains' entries, newest first, pages by cursor and filters by domain and date", async () => {
  // Entries arrive by events, domain by domain: wait for every one asserted below.
  const all = await eventually(async () => {
    const page = await chronology(childId, { first: 100 });
    const e = page.edges.map((x) => x.node);
    return new Set(e.map((x) => x.domain)).size >= 6 && e.at(-1)?.on === "2026-06-01" && e.some((x) => x.domain === "uasc" && x.on === "2026-10-01") ? page : undefined;
  }, 30_000);
  const entries = all.edges.map((e) => e.node);
  expect(new Set(entries.map((e) => e.domain)).size).toBeGreaterThanOrEqual(6);
  for (let i = 1; i < entries.length; i++) expect(entries[i - 1]!.at >= entries[i]!.at).toBe(true);
  expect(entries.every((e) => e.recordedBy && e.summary)).toBe(true);
  // Care began on 1 Jun: the oldest entry; the strategy discussion on 18 Dec is among the newest.
  expect(entries[entries.length - 1]!.on).toBe("2026-06-01");
  expect(entries.some((e) => e.domain === "uasc" && e.on === "2026-10-01")).toBe(true);

  // Pages of two, walked by cursor, give the same list as one page read just before and after the
  // walk (walked again if a late entry arrived meanwhile: the list is still growing by events).
  const walk = async (): Promise<Entry[]> => {
    const walked: Entry[] = [];
    let after: string | null = null;
    do {
      const page: Page = await chronology(childId, { first: 2, after });
      walked.push(...page.edges.map((e) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return walked;
  };
  const whole = async () => (await chronology(childId, { first: 100 })).edges.map((e) => e.node);
  const { walked, listed } = await eventually(async () => {
    const before = await whole();
    const walked = await walk();
    const listed = await whole();
    return JSON.stringify(before) === JSON.stringify(listed) ? { walked, listed } : undefined;
  }, 30_000);
  expect(walked).toEqual(listed);
  expect(listed).toEqual(expect.arrayContaining(entries)); // what was there before is still there

  const family = await chronology(childId, { filter: { domains: ["family", "uasc"], from: "2026-07-01", to: "2026-10-31" } });
  expect(family.edges.length).toBeGreaterThan(0);
  expect(family.edges.every((e) => ["family", "uasc"].includes(e.node.domain) && e.node.on >= "2026-07-01" && e.node.on <= "2026-10-31")).toBe(true);
});

it("the chronology obeys the role matrix: an education coordinator sees no health, family or uasc entries", async () => {
  const coordinator = await e2e.keys.token({ tenant: "E09000027", roles: ["EDUCATION_COORDINATOR"] });
  const page = await chronology(childId, { first: 100 }, coordinator);
  const domains = new Set(page.edges.map((e) => e.node.domain));
  expect(domains.size).toBeGreaterThan(0);
  for (const hidden of ["health", "family", "uasc", "safeguarding", "placements"]) expect(domains.has(hidden)).toBe(false);
});

it("bad input in the new domains names the field and the rule, and writes nothing", async () => {
  expect(await refusal("recordAgeAssessment", "RecordAgeAssessmentInput", { childId, assessedOn: "2026-08-01", outcome: "DISPUTED_OLDER", assessors: ["Only one (synthetic)"] })).toMatchObject({
    code: "BAD_USER_INPUT",
    field: "input.assessors",
  });
  expect(await refusal("recordAttendance", "RecordAttendanceInput", { childId, term: "AUTUMN 2026", possibleSessions: 100, attendedSessions: 101 })).toMatchObject({
    code: "BAD_USER_INPUT",
    field: "input.attendedSessions",
  });
  expect(await refusal("addFamilyMember", "AddFamilyMemberInput", { childId, name: "Father (synthetic)", relationship: "FATHER", hasParentalResponsibility: true })).toMatchObject({
    code: "BAD_USER_INPUT",
    field: "input.parentalResponsibilityBasis",
  });
  expect(await refusal("recordImmigrationStatus", "RecordImmigrationStatusInput", { childId, status: "REFUGEE_STATUS", decidedOn: "2026-11-01", leaveExpiresOn: "2026-10-01" })).toMatchObject({
    code: "BAD_USER_INPUT",
    field: "input.leaveExpiresOn",
  });
  expect(await refusal("recordPersonalEducationPlan", "RecordPersonalEducationPlanInput", { childId, completedOn: "2010-04-30" })).toMatchObject({
    code: "BAD_USER_INPUT",
    field: "input.completedOn",
  });
  const { child } = await ok<{ child: { uasc: { immigrationStatus: string; ageAssessments: unknown[] }; family: { members: unknown[] }; education: { attendance: unknown[]; peps: { completedOn: string | null }[] } } }>(
    `query($id: ID!) { child(id: $id) { uasc { immigrationStatus ageAssessments { outcome } } family { members { id } } education { attendance { term } peps { completedOn } } } }`,
    { id: childId },
  );
  expect(child.uasc).toMatchObject({ immigrationStatus: "UASC_LEAVE" });
  expect(child.uasc.ageAssessments).toHaveLength(1);
  expect(child.family.members).toHaveLength(1);
  expect(child.education.attendance).toEqual([]);
  expect(child.education.peps.every((p) => p.completedOn === null)).toBe(true);
});

it("the family tree is ready to draw: the child, her mother, and the local authority only when it holds parental responsibility", async () => {
  const { child } = await ok<{ child: { familyTree: { nodes: { id: string; label: string; kind: string }[]; edges: { from: string; to: string; relationship: string }[] } } }>(
    `query($id: ID!) { child(id: $id) { familyTree { nodes { id label kind } edges { from to relationship } } } }`,
    { id: childId },
  );
  const ids = new Set(child.familyTree.nodes.map((n) => n.id));
  expect(child.familyTree.nodes.length).toBe(2); // accommodated under s.20 (V2): the local authority has no PR
  for (const e of child.familyTree.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  expect(child.familyTree.edges.map((e) => e.relationship)).toContain("MOTHER");
});

it("a subject access export holds the child's record from every subgraph and the audit trail of who saw it", async () => {
  const exported = await subjectAccessExport(e2e.stack.gatewayUrl, token, childId);
  expect(exported.notExported).toEqual([]);
  const r = exported.record as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(r).toMatchObject({ id: childId, firstName: "Selam", dateOfBirth: "2010-05-01" });
  expect(r.placements).toHaveLength(1);
  expect(r.missingEpisodes).toHaveLength(1);
  expect(r.healthAssessments.length).toBeGreaterThan(0);
  expect(r.family.members.map((m: { name: string }) => m.name)).toEqual(["Mother (synthetic)"]);
  expect(r.uasc).toMatchObject({ immigrationStatus: "UASC_LEAVE", leaveExpiresOn: "2027-06-30" });
  expect(r.uasc.ageAssessments).toHaveLength(1);
  expect(r.leavingCare.status).toBe("ELIGIBLE");
  expect(r.education.peps.length).toBeGreaterThan(0);
  expect(r.lookedAfterReviews.length).toBeGreaterThan(0);
  // Who saw it: the registration, the writes and the reads above, from several subgraphs.
  const services = new Set((exported.auditTrail as { service: string }[]).map((e) => e.service));
  expect(services.size).toBeGreaterThanOrEqual(6);
  // Another local authority's token is told there is no such child.
  const other = await e2e.keys.token({ tenant: "E09000028", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"] });
  await expect(subjectAccessExport(e2e.stack.gatewayUrl, other, childId)).rejects.toThrow(/no child/);
});

it("npm start's synthetic caseload touches every domain: tasks from eight in the tray, entries from nine in the chronologies", async () => {
  // Another local authority, so this child's record above stays apart.
  const seeder = await e2e.keys.token({ tenant: "E09000028", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"] });
  const ids = await seedCaseload(e2e.stack.gatewayUrl, seeder, 12, "2026-12-18");
  expect(ids).toHaveLength(12);
  const TASKING = ["care-planning", "education", "family", "health", "leaving-care", "placements", "safeguarding", "uasc"];
  const withTasks = await eventually(async () => {
    const d: string[] = [];
    for (const domain of TASKING) {
      const t = await graphqlOk<{ workTray: { edges: unknown[] } }>(e2e.stack.gatewayUrl, seeder, `query($f: WorkTrayFilter) { workTray(filter: $f, first: 1) { edges { cursor } } }`, {
        f: { domain, statuses: ["OVERDUE", "DUE_SOON", "DUE", "DONE"] },
      });
      if (t.workTray.edges.length) d.push(domain);
    }
    return d.length === TASKING.length ? d : undefined;
  }, 30_000);
  expect(withTasks).toEqual(TASKING);
  const seen = await eventually(async () => {
    const d = new Set<string>();
    for (const id of ids) for (const e of (await chronology(id, { first: 100 }, seeder)).edges) d.add(e.node.domain);
    return d.size >= 9 ? d : undefined;
  }, 30_000);
  expect([...seen].sort()).toEqual(["care-planning", "children", "education", "family", "health", "leaving-care", "placements", "safeguarding", "uasc"]);

  // Issue 12's features have something to show: a duplicate to find, vacancies to match, a document, distance.
  type Profile = {
    possibleDuplicates: { score: number }[];
    placementMatches: { score: number; reasons: string[] }[];
    child: { documents: { kind: string }[]; placementStability: { distanceFromHomeMiles: number | null } };
  };
  const p = await eventually(async () => {
    const r = await graphqlOk<Profile>(
      e2e.stack.gatewayUrl,
      seeder,
      `query($id: ID!) { possibleDuplicates(childId: $id) { score } placementMatches(childId: $id, first: 3) { score reasons }
         child(id: $id) { documents { kind } placementStability { distanceFromHomeMiles } } }`,
      { id: ids[0] },
    );
    return r.placementMatches.length ? r : undefined;
  }, 30_000);
  expect(p.possibleDuplicates.length).toBeGreaterThan(0);
  expect(p.placementMatches[0]!.reasons.length).toBeGreaterThan(0);
  expect(p.child.documents).toEqual([{ kind: "LETTER" }]);
  expect(p.child.placementStability.distanceFromHomeMiles).toEqual(expect.any(Number));
}, 120_000);
