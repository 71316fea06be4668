import { eventually } from "@caregraph/platform/testing";
import { graphql, graphqlOk } from "../src/client";
import { useStack } from "./use-stack";

/**
 * Issue 12 through the gateway, on the nine-subgraph stack: a child's health consent, placement
 * stability, and the profile (a duplicate merged and unmerged). The clock is 1 Dec 2026 10:00.
 */
const e2e = useStack("e2eprofile", { clock: "2026-12-01T10:00:00Z" });
let token: string;
beforeAll(async () => {
  token = await e2e.keys.token({ tenant: "E09000027", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"] });
});

const ok = <T>(query: string, variables?: Record<string, unknown>) => graphqlOk<T>(e2e.stack.gatewayUrl, token, query, variables);

async function register(firstName: string, lastName: string, dateOfBirth: string, lookedAfterSince: string): Promise<string> {
  const { registerChild } = await ok<{ registerChild: { id: string } }>(`mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
    input: { firstName, lastName, dateOfBirth, sex: "FEMALE", lookedAfterSince, legalStatus: "C2" },
  });
  return registerChild.id;
}

describe("consent: a 13-year-old's own decision", () => {
  let childId: string;
  const consent = (extra: Record<string, unknown>) =>
    graphql<{ recordConsent: { decision: string; givenBy: string; basis: string } }>(
      e2e.stack.gatewayUrl,
      token,
      `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { decision givenBy basis } }`,
      { input: { childId, kind: "IMMUNISATION", decision: "GIVEN", givenBy: "CHILD", givenOn: "2026-11-30", ...extra } },
    );

  beforeAll(async () => {
    childId = await register("Ottilie", "Brackenridge", "2013-04-02", "2025-09-01");
  });

  it("is refused without a Gillick competence assessment, naming the field and the rule, and nothing is written", async () => {
    const refused = await eventually(async () => {
      const r = await consent({});
      if (r.errors?.[0]?.extensions?.code === "NOT_FOUND") return undefined; // health has not heard of the child yet
      return r;
    }, 20_000);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.gillickAssessment", rule: "GILLICK_COMPETENCE_REQUIRED" });
    const { child } = await ok<{ child: { consents: unknown[] } }>(`query($id: ID!) { child(id: $id) { consents { kind } } }`, { id: childId });
    expect(child.consents).toEqual([]);
  });

  it("is accepted with one, on the basis of Gillick competence", async () => {
    const accepted = await consent({ gillickAssessment: { assessedOn: "2026-11-30", assessedBy: "Dr A Synthetic, LAC nurse", about: "the HPV vaccine" } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.recordConsent).toEqual({ decision: "GIVEN", givenBy: "CHILD", basis: "GILLICK_COMPETENT" });
  });
});

describe("placement stability", () => {
  let childId: string;
  const stability = async () =>
    (await ok<{ child: { placementStability: { placementsInLast12Months: number; threeOrMorePlacements: boolean; longTermStable: boolean } } }>(
      `query($id: ID!) { child(id: $id) { placementStability { placementsInLast12Months threeOrMorePlacements longTermStable } } }`,
      { id: childId },
    )).child.placementStability;

  beforeAll(async () => {
    childId = await register("Marisol", "Featherstonehaugh", "2015-02-11", "2026-01-05");
    await eventually(async () => {
      const r = await graphql(e2e.stack.gatewayUrl, token, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
        input: { childId, type: "U4", startDate: "2026-01-05", provider: "PR1", postcode: "TW9 1AA" },
      });
      return r.errors?.[0]?.extensions?.code === "NOT_FOUND" ? undefined : (expect(r.errors).toBeUndefined(), true);
    }, 20_000);
  });

  const move = (date: string) =>
    ok(`mutation($input: ChangePlacementInput!) { changePlacement(input: $input) { id } }`, {
      input: { childId, type: "U4", date, reason: "CARPL", provider: "PR1", postcode: "TW9 2AB", planned: true, transitionPlanAgreedOn: date, riskAssessmentCompletedOn: date },
    });

  it("a second placement in a year is not yet instability", async () => {
    await move("2026-05-11");
    expect(await stability()).toEqual({ placementsInLast12Months: 2, threeOrMorePlacements: false, longTermStable: false });
  });

  it("a third placement in a year flips the DfE measure", async () => {
    await move("2026-10-19");
    expect(await stability()).toEqual({ placementsInLast12Months: 3, threeOrMorePlacements: true, longTermStable: false });
  });
});

describe("duplicates: found, merged and unmerged", () => {
  let keep: string;
  let dup: string;
  let placementId: string;
  let assessmentId: string;
  type Seen = { child: { id: string; placements: { id: string }[]; healthAssessments: { id: string }[] } | null };
  const seen = (id: string) => ok<Seen>(`query($id: ID!) { child(id: $id) { id placements { id } healthAssessments { id } } }`, { id });

  beforeAll(async () => {
    keep = await register("Rosalind", "Quennell", "2016-08-14", "2026-06-01");
    // The same child recorded again by another team, with the surname misspelt: no placement on the first record.
    const { registerChild } = await ok<{ registerChild: { id: string } }>(`mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
      input: { firstName: "Rosalind", lastName: "Quennel", dateOfBirth: "2016-08-14", sex: "FEMALE", lookedAfterSince: "2026-06-01", legalStatus: "C2" },
    });
    dup = registerChild.id;
    placementId = await eventually(async () => {
      const r = await graphql<{ startPlacement: { id: string } }>(e2e.stack.gatewayUrl, token, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
        input: { childId: dup, type: "U4", startDate: "2026-06-01", provider: "PR1", postcode: "TW9 1AA" },
      });
      return r.data?.startPlacement.id;
    }, 20_000);
    // Health scheduled the initial health assessment for the duplicate record.
    assessmentId = await eventually(async () => (await seen(dup)).child?.healthAssessments[0]?.id, 20_000);
  });

  it("possibleDuplicates finds the other record, with its reasons", async () => {
    const { possibleDuplicates } = await ok<{ possibleDuplicates: { score: number; reasons: string[]; child: { id: string } }[] }>(
      `query($id: ID!) { possibleDuplicates(childId: $id) { score reasons child { id } } }`,
      { id: keep },
    );
    const found = possibleDuplicates.find((d) => d.child.id === dup);
    expect(found?.score).toBeGreaterThanOrEqual(45);
    expect(found?.reasons.length).toBeGreaterThan(0);
  });

  it("a merge moves the placement and the health assessment to the kept child, and the merged id answers as the kept child", async () => {
    const { mergeChildren } = await ok<{ mergeChildren: { id: string; mergedFrom: { id: string; unmergeableUntil: string }[] } }>(
      `mutation($input: MergeChildrenInput!) { mergeChildren(input: $input) { id mergedFrom { id unmergeableUntil } } }`,
      { input: { keepId: keep, mergeId: dup, reason: "the same child: same date of birth, surname misspelt at the second referral" } },
    );
    expect(mergeChildren.id).toBe(keep);
    expect(mergeChildren.mergedFrom).toEqual([{ id: dup, unmergeableUntil: "2026-12-31" }]);
    // Each subgraph honours the merge in its own time: wait until the kept child has both rows.
    await eventually(async () => {
      const c = (await seen(keep)).child!;
      return c.placements.some((p) => p.id === placementId) && c.healthAssessments.some((a) => a.id === assessmentId) ? c : undefined;
    }, 30_000);
    const asMerged = (await seen(dup)).child!;
    expect(asMerged.id).toBe(keep);
    expect(asMerged.placements.map((p) => p.id)).toEqual([placementId]);
    expect(asMerged.healthAssessments.map((a) => a.id)).toContain(assessmentId);
    // A merge is a team manager's decision.
    const worker = await e2e.keys.token({ tenant: "E09000027", roles: ["SOCIAL_WORKER"] });
    const refused = await graphql(e2e.stack.gatewayUrl, worker, `mutation($input: UnmergeChildrenInput!) { unmergeChildren(input: $input) { id } }`, { input: { mergeId: dup, reason: "try" } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("an unmerge within 30 days puts everything back", async () => {
    await ok(`mutation($input: UnmergeChildrenInput!) { unmergeChildren(input: $input) { id } }`, { input: { mergeId: dup, reason: "two different children after all" } });
    // Each subgraph honours the unmerge in its own time: wait until the kept child has neither row.
    const kept = await eventually(async () => {
      const c = (await seen(keep)).child!;
      return c.placements.length === 0 && !c.healthAssessments.some((a) => a.id === assessmentId) ? c : undefined;
    }, 30_000);
    expect(kept.id).toBe(keep);
    const back = (await seen(dup)).child!;
    expect(back.id).toBe(dup);
    expect(back.placements.map((p) => p.id)).toEqual([placementId]);
    expect(back.healthAssessments.map((a) => a.id)).toContain(assessmentId);
  });
});
