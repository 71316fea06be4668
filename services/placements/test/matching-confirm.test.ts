import { envelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { announceChild, collect, eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { placements } from "../src/service";

/** Siblings placed together and distance from home in placementMatches; a team manager confirms the choice. */
const env = serviceUnderTest(placements);
beforeAll(() => setClock("2026-12-22T09:00:00Z"));
afterAll(() => setClock(null));

const tenant = "E09000030";
const kafka = () => testKafka(env.broker.bootstrapServers);

const knownChild = (dateOfBirth: string) => announceChild(env, { dateOfBirth, lookedAfterSince: "2026-12-01", tenant });

const MATCHES = `query($childId: ID!) { placementMatches(childId: $childId, first: 5) { score reasons vacancy { id } } }`;
const CONFIRM = `mutation($input: ConfirmPlacementMatchInput!) { confirmPlacementMatch(input: $input) { id childId reason vacancy { id placesTaken open } } }`;

it("scores siblings placed together and distance from home; a team manager confirms (audited, event, the vacancy closes when full)", async () => {
  const sw = await env.keys.token({ tenant });
  const tm = await env.keys.token({ tenant, roles: ["TEAM_MANAGER"], userId: "tm-tess" });
  const q = async <T>(token: string, query: string, variables: Record<string, unknown>) => {
    const r = await env.svc.query<T>(token, query, variables);
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const [child, sister] = [await knownChild("2014-05-01"), await knownChild("2016-02-29")];
  // The family domain links the sister's record to the child's.
  await publish(kafka(), eventsTopic("family"), [
    envelope(
      { type: "FamilyMemberAdded", childId: child, payload: { familyMemberId: randomUUID(), relationship: "SIBLING", hasParentalResponsibility: false, parentalResponsibilityBasis: null, linkedChildId: sister } },
      { tenant, source: "family", actor: "test" },
    ),
  ]);
  await eventually(async () => (await env.svc.service.deps.db.siblingLink.count({ where: { childId: sister } })) === 1);
  // The child's home postcode (HOME_POST), recorded with an earlier placement.
  const start = await env.svc.query(sw, `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { homePostcode } }`, {
    input: { childId: child, type: "U6", startDate: "2026-12-01", endDate: "2026-12-05", homePostcode: "e1 6an", postcode: "E2 7AA" },
  });
  expect(start.data).toEqual({ startPlacement: { homePostcode: "E1 6AN" } });

  const { approveFosterCarer: carer } = await q<{ approveFosterCarer: { id: string } }>(sw, `mutation($input: ApproveFosterCarerInput!) { approveFosterCarer(input: $input) { id } }`, {
    input: { name: "Household B", approvedOn: "2026-06-01", ageFrom: 0, ageTo: 17, maxChildren: 3 },
  });
  const open = (input: Record<string, unknown>) =>
    q<{ openVacancy: { id: string } }>(sw, `mutation($input: OpenVacancyInput!) { openVacancy(input: $input) { id } }`, { input }).then((r) => r.openVacancy.id);
  const near = await open({ type: "U6", places: 2, ageFrom: 0, ageTo: 17, fosterCarerId: carer.id, postcode: "E2 7AA" });
  const far = await open({ type: "U6", places: 1, ageFrom: 0, ageTo: 17, fosterCarerId: carer.id, postcode: "B1 1AA" });

  // A social worker may not confirm; the team manager does, for the sister, in the near vacancy.
  const denied = await env.svc.query(sw, CONFIRM, { input: { childId: sister, vacancyId: near } });
  expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  const listener = await collect(kafka(), [eventsTopic("placements")]);
  try {
    const first = await q<{ confirmPlacementMatch: { childId: string; reason: string; vacancy: { id: string; placesTaken: number; open: boolean } } }>(tm, CONFIRM, {
      input: { childId: sister, vacancyId: near, reason: "  near school and family  " },
    });
    expect(first.confirmPlacementMatch).toMatchObject({ childId: sister, reason: "near school and family", vacancy: { id: near, placesTaken: 1, open: true } });
    const event = await eventually(async () => listener.events().find((e) => e.type === "PlacementMatchConfirmed" && e.childId === sister));
    expect(event.payload).toMatchObject({ vacancyId: near, fosterCarerId: carer.id, vacancyClosed: false });
  } finally {
    await listener.stop();
  }

  const { placementMatches } = await q<{ placementMatches: { score: number; reasons: string[]; vacancy: { id: string } }[] }>(sw, MATCHES, { childId: child });
  expect(placementMatches.map((m) => m.vacancy.id)).toEqual([near, far]);
  expect(placementMatches[0]!.reasons).toEqual([
    "aged 12, within the vacancy's age range 0–17 (+50)",
    "the carer's approval is in date, reviewed by 2027-06-01 (+10)",
    "placed together with 1 sibling already matched with this carer or home (+25)",
    "2 places (room for a sibling) (+5)",
    "0.8 miles from home, within 20 (+15)",
  ]);
  expect(placementMatches[0]!.score).toBe(105);
  // The far vacancy is with the same carer: the sibling counts there too, and the distance takes points off.
  expect(placementMatches[1]!.reasons).toContain("102.9 miles from home, more than 20 (-15)");
  expect(placementMatches[1]!.score).toBe(70);

  // The child takes the near vacancy's second place: it closes and is offered no more.
  const second = await q<{ confirmPlacementMatch: { vacancy: { placesTaken: number; open: boolean } } }>(tm, CONFIRM, { input: { childId: child, vacancyId: near } });
  expect(second.confirmPlacementMatch.vacancy).toEqual({ id: near, placesTaken: 2, open: false });
  const closed = await env.svc.query(tm, CONFIRM, { input: { childId: child, vacancyId: near } });
  expect(closed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.vacancyId", rule: "VACANCY_CLOSED" });
  const after = await q<{ placementMatches: { vacancy: { id: string } }[] }>(sw, MATCHES, { childId: child });
  expect(after.placementMatches.map((m) => m.vacancy.id)).toEqual([far]);
  const audit = await env.svc.service.deps.db.$queryRawUnsafe<{ action: string; actor: string }[]>(
    "SELECT action, actor FROM placements.audit_entry WHERE child_id = $1 AND action = 'placement_match.confirmed'",
    child,
  );
  expect(audit).toHaveLength(1);

  const unknown = await env.svc.query(tm, CONFIRM, { input: { childId: child, vacancyId: randomUUID() } });
  expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.vacancyId" });
});
