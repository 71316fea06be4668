import { setClock } from "@caregraph/platform/clock";
import { announceChild, serviceUnderTest } from "@caregraph/platform/testing";
import { placements } from "../src/service";

/** placementStabilityReport (one SQL query for the tenant), distance on Child.placementStability, short breaks' V3/V4. */
const env = serviceUnderTest(placements);
beforeAll(() => setClock("2026-12-22T09:00:00Z"));
afterAll(() => setClock(null));

const tenant = "E09000031";

const knownChild = (dateOfBirth: string, lookedAfterSince: string) => announceChild(env, { dateOfBirth, lookedAfterSince, tenant });

const START = `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`;
const CHANGE = `mutation($input: ChangePlacementInput!) { changePlacement(input: $input) { id } }`;
const REPORT = `query($on: Date!) { placementStabilityReport(on: $on) {
  asOf windowFrom childrenLookedAfter threeOrMorePlacements threeOrMorePlacementsPercent longTermEligible longTermStable longTermStablePercent
  distanceKnown placedOver20Miles placedOver20MilesPercent workings } }`;
const STABILITY = `query($reps: [_Any!]!, $on: Date) { _entities(representations: $reps) { ... on Child {
  placementStability(on: $on) { placementsInLast12Months threeOrMorePlacements longTermStable distanceFromHomeMiles placedOver20Miles distanceUnknownReason } } } }`;

it("counts the tenant's children in a placement on the day: 3+ placements in 12 months, long-term stability, over 20 miles", async () => {
  const sw = await env.keys.token({ tenant });
  const ok = async (query: string, variables: Record<string, unknown>, token = sw) => {
    const r = await env.svc.query<Record<string, unknown>>(token, query, variables);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!;
  };
  // Settled: looked after since 2023, in the same placement since Jan 2024, near home.
  const settled = await knownChild("2014-05-01", "2023-01-01");
  await ok(START, { input: { childId: settled, type: "U6", startDate: "2024-01-01", postcode: "E2 7AA", homePostcode: "E1 6AN" } });
  // Moved twice this year, now in Luton: three placements, more than 20 miles from home.
  const moved = await knownChild("2014-05-01", "2026-01-05");
  await ok(START, { input: { childId: moved, type: "U6", startDate: "2026-01-05", postcode: "E2 7AA", homePostcode: "E1 6AN" } });
  await ok(CHANGE, { input: { childId: moved, type: "U6", date: "2026-03-02", reason: "CARPL", postcode: "CR0 1AA", homePostcode: "E1 6AN" } });
  await ok(CHANGE, { input: { childId: moved, type: "U6", date: "2026-06-01", reason: "CARPL", postcode: "LU1 1AA", homePostcode: "E1 6AN" } });
  // Left their placement before the day: not in the group.
  const left = await knownChild("2012-01-01", "2025-01-01");
  await ok(START, { input: { childId: left, type: "U6", startDate: "2025-01-01", endDate: "2026-06-01" } });

  const { placementStabilityReport } = await ok(REPORT, { on: "2026-12-01" });
  expect(placementStabilityReport).toMatchObject({
    asOf: "2026-12-01",
    windowFrom: "2025-12-02",
    childrenLookedAfter: 2,
    threeOrMorePlacements: 1,
    threeOrMorePlacementsPercent: 50,
    longTermEligible: 1,
    longTermStable: 1,
    longTermStablePercent: 100,
    distanceKnown: 2,
    placedOver20Miles: 1,
    placedOver20MilesPercent: 50,
  });
  // A year on the moves are out of the window; before the first move only two children counted.
  expect((await ok(REPORT, { on: "2027-07-01" })).placementStabilityReport).toMatchObject({ childrenLookedAfter: 2, threeOrMorePlacements: 0 });
  expect((await ok(REPORT, { on: "2026-02-01" })).placementStabilityReport).toMatchObject({ childrenLookedAfter: 3, threeOrMorePlacements: 0, placedOver20Miles: 0, distanceKnown: 2 });

  const child = await ok(STABILITY, { reps: [{ __typename: "Child", id: moved }], on: "2026-12-01" });
  expect(child).toEqual({
    _entities: [{ placementStability: { placementsInLast12Months: 3, threeOrMorePlacements: true, longTermStable: false, distanceFromHomeMiles: 29.1, placedOver20Miles: true, distanceUnknownReason: null } }],
  });
  const unknown = await ok(STABILITY, { reps: [{ __typename: "Child", id: left }], on: "2026-12-01" });
  expect(unknown).toMatchObject({ _entities: [{ placementStability: { distanceFromHomeMiles: null, placedOver20Miles: null, distanceUnknownReason: "no current placement" } }] });

  // Tenant-wide: not for a fostering officer; another tenant sees none of these children.
  const fo = await env.keys.token({ tenant, roles: ["FOSTERING_OFFICER"] });
  expect((await env.svc.query(fo, REPORT, { on: "2026-12-01" })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  const other = await env.keys.token({ tenant: "E09000032" });
  expect((await ok(REPORT, { on: "2026-12-01" }, other)).placementStabilityReport).toMatchObject({ childrenLookedAfter: 0, threeOrMorePlacementsPercent: null });
});

it("a short break records its DfE legal status (V3 by default, or V4) and says visits are as agreed, not reg 28(2)", async () => {
  const sw = await env.keys.token({ tenant });
  const child = await knownChild("2015-03-01", "2026-01-05");
  const SB = `mutation($input: RecordShortBreakInput!) { recordShortBreak(input: $input) { legalStatus days visits } }`;
  const v3 = await env.svc.query(sw, SB, { input: { childId: child, startDate: "2026-02-06", endDate: "2026-02-08" } });
  expect(v3.data).toEqual({ recordShortBreak: { legalStatus: "V3", days: 2, visits: expect.stringContaining("reg 28(2) visits do not apply") } });
  const v4 = await env.svc.query(sw, SB, { input: { childId: child, startDate: "2026-03-06", endDate: "2026-03-08", legalStatus: "V4" } });
  expect(v4.data).toMatchObject({ recordShortBreak: { legalStatus: "V4" } });
  const bad = await env.svc.query(sw, SB, { input: { childId: child, startDate: "2026-04-06", endDate: "2026-04-08", legalStatus: "C2" } });
  expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
});
