import { setClock } from "@caregraph/platform/clock";
import { createTestDatabase, eventually, testKeys } from "@caregraph/platform/testing";
import { graphql, graphqlOk } from "../src/client";
import { Stack, startIsolatedStack } from "../src/stack";

/**
 * Issue 12 through the gateway, on the nine-subgraph stack: a child's health consent, placement
 * stability, and the profile (a duplicate merged and unmerged). The clock is 1 Dec 2026 10:00.
 */
let stack: Stack;
let token: string;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  setClock("2026-12-01T10:00:00Z");
  const db = await createTestDatabase("e2eprofile");
  dropDatabase = db.drop;
  const keys = await testKeys();
  token = await keys.token({ tenant: "E09000027", roles: ["SOCIAL_WORKER", "TEAM_MANAGER"] });
  stack = await startIsolatedStack({ databaseUrl: db.url, publicKeyPem: keys.publicKeyPem, logLevel: "warn" });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await dropDatabase?.();
  setClock(null);
}, 60_000);

const ok = <T>(query: string, variables?: Record<string, unknown>) => graphqlOk<T>(stack.gatewayUrl, token, query, variables);

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
      stack.gatewayUrl,
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
      const r = await graphql(stack.gatewayUrl, token, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`, {
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
