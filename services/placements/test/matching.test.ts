import { setClock } from "@caregraph/platform/clock";
import { announceChild, serviceUnderTest } from "@caregraph/platform/testing";
import { placements } from "../src/service";

/** Providers, foster carers, vacancies and placementMatches, through GraphQL (each test its own tenant: vacancies are tenant-wide). */
const env = serviceUnderTest(placements);
beforeAll(() => setClock("2026-12-22T09:00:00Z"));
afterAll(() => setClock(null));

const NO_DISTANCE = "distance from home unknown: no home postcode recorded (0)";

const knownChild = (dateOfBirth: string, tenant: string) => announceChild(env, { dateOfBirth, lookedAfterSince: "2026-12-01", tenant });

it("ranks open vacancies for a child with their reasons, leaving out those outside the child's age", async () => {
  const tenant = "E09000033";
  const token = await env.keys.token({ tenant });
  const q = async <T>(query: string, variables: Record<string, unknown>) => {
    const r = await env.svc.query<T>(token, query, variables);
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const child = await knownChild("2014-05-01", tenant);
  const { recordProvider: home } = await q<{ recordProvider: { id: string } }>(
    `mutation($input: RecordProviderInput!) { recordProvider(input: $input) { id } }`,
    { input: { name: "Synthetic House", urn: "SC654321", ofstedRating: "OUTSTANDING" } },
  );
  const { approveFosterCarer: carer } = await q<{ approveFosterCarer: { id: string; annualReviewDueDate: string } }>(
    `mutation($input: ApproveFosterCarerInput!) { approveFosterCarer(input: $input) { id annualReviewDueDate } }`,
    { input: { name: "Household A", approvedOn: "2025-12-01", ageFrom: 0, ageTo: 17, maxChildren: 2 } },
  );
  expect(carer.annualReviewDueDate).toBe("2026-12-01");
  const open = (input: Record<string, unknown>) =>
    q<{ openVacancy: { id: string } }>(`mutation($input: OpenVacancyInput!) { openVacancy(input: $input) { id } }`, { input }).then((r) => r.openVacancy.id);
  const inHome = await open({ type: "K2", places: 1, ageFrom: 11, ageTo: 17, providerId: home.id });
  const withCarer = await open({ type: "U6", places: 2, ageFrom: 0, ageTo: 17, fosterCarerId: carer.id });
  await open({ type: "U6", places: 1, ageFrom: 0, ageTo: 4, fosterCarerId: carer.id });

  const { placementMatches } = await q<{ placementMatches: { score: number; reasons: string[]; vacancy: { id: string } }[] }>(
    `query($childId: ID!) { placementMatches(childId: $childId, first: 5) { score reasons vacancy { id } } }`,
    { childId: child },
  );
  expect(placementMatches).toEqual([
    { score: 70, reasons: ["aged 12, within the vacancy's age range 11–17 (+50)", "Ofsted outstanding (+20)", NO_DISTANCE], vacancy: { id: inHome } },
    {
      score: 35,
      reasons: [
        "aged 12, within the vacancy's age range 0–17 (+50)",
        "the carer's annual review was due 2026-12-01 (reg 28) and is overdue (-20)",
        "2 places (room for a sibling) (+5)",
        NO_DISTANCE,
      ],
      vacancy: { id: withCarer },
    },
  ]);
  const one = await q<{ placementMatches: unknown[] }>(`query($childId: ID!) { placementMatches(childId: $childId, first: 1) { score } }`, { childId: child });
  expect(one.placementMatches).toHaveLength(1);
});

it.each<[string, Record<string, unknown> & { noCarer?: boolean }, string, string]>([
  ["a vacancy outside the carer's terms of approval", { type: "U6", places: 3, ageFrom: 0, ageTo: 17 }, "input.places", "WITHIN_TERMS_OF_APPROVAL"],
  ["a vacancy with neither carer nor provider", { type: "K2", places: 1, ageFrom: 0, ageTo: 17, noCarer: true }, "input.fosterCarerId", "CARER_OR_PROVIDER"],
])("refuses %s, naming the field and rule, and writes nothing", async (_what, { noCarer, ...input }, field, rule) => {
  const tenant = "E09000034";
  const token = await env.keys.token({ tenant });
  const carer = await env.svc.query<{ approveFosterCarer: { id: string } }>(token, `mutation($input: ApproveFosterCarerInput!) { approveFosterCarer(input: $input) { id } }`, {
    input: { name: "Household B", approvedOn: "2026-06-01", ageFrom: 0, ageTo: 17, maxChildren: 2 },
  });
  const r = await env.svc.query(token, `mutation($input: OpenVacancyInput!) { openVacancy(input: $input) { id } }`, {
    input: { ...input, ...(noCarer ? {} : { fosterCarerId: carer.data?.approveFosterCarer.id }) },
  });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect(await env.svc.service.deps.db.vacancy.count({ where: { tenant } })).toBe(0);
});
