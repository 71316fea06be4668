import { addDays } from "@caregraph/platform/calendar";
import { setClock, today } from "@caregraph/platform/clock";
import { eventually, roleTokens, serviceUnderTest } from "@caregraph/platform/testing";
import { GraphQLError } from "graphql";
import { randomUUID } from "node:crypto";
import { agreementStatus, checkAgreement, checkRevocation, latestEndDate } from "../src/domain/information-sharing";
import { children } from "../src/service";

describe("information-sharing agreement rules", () => {
  const DOB = "2014-03-01";
  const TODAY = "2026-12-01";
  const rule = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof GraphQLError) return `${e.extensions.field} ${e.extensions.rule}`;
      throw e;
    }
    return "accepted";
  };
  const agreement = (o: Partial<{ partner: string; startDate: string; endDate: string; purpose: string }> = {}) => ({
    partner: "county-police",
    startDate: "2026-12-01",
    endDate: "2027-11-30",
    purpose: "missing episodes",
    ...o,
  });

  it.each([
    [{}, "accepted"],
    [{ partner: "  county-police " }, "accepted"],
    [{ partner: "made-up-agency" }, "input.partner PARTNER_UNKNOWN"],
    [{ purpose: "   " }, "input.purpose REQUIRED"],
    [{ purpose: "x".repeat(501) }, "input.purpose MAX_LENGTH"],
    [{ startDate: "2014-02-28" }, "input.startDate NOT_BEFORE_BIRTH"],
    [{ endDate: "2026-11-30", startDate: "2026-12-01" }, "input.endDate NOT_BEFORE_START"],
    // Started earlier and still running: fine; ended yesterday: shares nothing.
    [{ startDate: "2026-06-01", endDate: "2026-12-01" }, "accepted"],
    [{ startDate: "2026-06-01", endDate: "2026-11-30" }, "input.endDate NOT_IN_PAST"],
    // At most 12 months: to the day before the first anniversary.
    [{ startDate: "2027-01-01", endDate: "2027-12-31" }, "accepted"],
    [{ startDate: "2027-01-01", endDate: "2028-01-01" }, "input.endDate MAX_12_MONTHS"],
  ])("%j: %s", (o, expected) => {
    expect(rule(() => checkAgreement(agreement(o), DOB, TODAY, []))).toBe(expected);
  });

  it("12 months ends the day before the anniversary, over a leap day and at month ends", () => {
    expect(latestEndDate("2027-03-01")).toBe("2028-02-29"); // the year to 1 March 2028 has a 29 February
    expect(latestEndDate("2028-02-29")).toBe("2029-02-28"); // a leap-day start: its anniversary is 1 March 2029
    expect(latestEndDate("2026-08-31")).toBe("2027-08-30");
    expect(latestEndDate("2026-12-25")).toBe("2027-12-24");
  });

  it("one agreement per partner at a time: overlapping periods are refused, revoked ones and adjacent ones are not", () => {
    const existing = [{ startDate: "2026-09-01", endDate: "2027-01-31", revoked: false }];
    expect(rule(() => checkAgreement(agreement({ startDate: "2027-01-31", endDate: "2027-06-30" }), DOB, TODAY, existing))).toBe("input.startDate AGREEMENT_OVERLAP");
    expect(rule(() => checkAgreement(agreement({ startDate: "2027-02-01", endDate: "2027-06-30" }), DOB, TODAY, existing))).toBe("accepted");
    expect(rule(() => checkAgreement(agreement(), DOB, TODAY, [{ ...existing[0]!, revoked: true }]))).toBe("accepted");
  });

  it("status on a day: not started, active on its first and last day, ended, revoked", () => {
    const a = { startDate: "2026-12-24", endDate: "2027-01-04", revoked: false };
    expect(agreementStatus(a, "2026-12-23")).toBe("NOT_STARTED");
    expect(agreementStatus(a, "2026-12-24")).toBe("ACTIVE");
    expect(agreementStatus(a, "2027-01-04")).toBe("ACTIVE");
    expect(agreementStatus(a, "2027-01-05")).toBe("ENDED");
    expect(agreementStatus({ ...a, revoked: true }, "2026-12-25")).toBe("REVOKED");
  });

  it("a revocation needs a reason and an agreement still in force or yet to start", () => {
    const a = { startDate: "2026-12-01", endDate: "2027-01-04", revoked: false };
    expect(rule(() => checkRevocation(a, " ", TODAY))).toBe("input.reason REQUIRED");
    expect(checkRevocation(a, " consent withdrawn ", TODAY)).toBe("consent withdrawn");
    expect(rule(() => checkRevocation({ ...a, revoked: true }, "again", TODAY))).toBe("input.id ALREADY_REVOKED");
    expect(rule(() => checkRevocation(a, "late", "2027-01-05"))).toBe("input.id AGREEMENT_ENDED");
  });
});

describe("recordInformationSharingAgreement: a partner agency is shown only the children shared with it", () => {
  const env = serviceUnderTest(children);
  const as = roleTokens(env);
  let seq = 0;
  const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`;
  const RECORD = `mutation($input: RecordInformationSharingAgreementInput!) { recordInformationSharingAgreement(input: $input) { id partner startDate endDate status purpose recordedBy } }`;
  const REVOKE = `mutation($input: RevokeInformationSharingAgreementInput!) { revokeInformationSharingAgreement(input: $input) { id status revokedAt revokeReason } }`;
  const CHILD = `query($id: ID!) { child(id: $id) { id firstName dateOfBirth } }`;
  const LIST = `{ children(first: 100) { edges { node { id } } } }`;

  async function register(): Promise<string> {
    const input = { firstName: "Sam", lastName: `Shared-${++seq}-${randomUUID().slice(0, 6)}`, dateOfBirth: "2013-05-04", sex: "MALE", upn: "A123456789012" };
    const r = await env.svc.query<{ registerChild: { id: string } }>(await as("SOCIAL_WORKER"), REGISTER, { input });
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.registerChild.id;
  }
  async function share(childId: string, partner: string, o: { startDate?: string; endDate?: string; role?: "SOCIAL_WORKER" | "TEAM_MANAGER" } = {}) {
    const input = { childId, partner, startDate: o.startDate ?? today(), endDate: o.endDate ?? addDays(today(), 30), purpose: "statutory duties" };
    return env.svc.query<{ recordInformationSharingAgreement: { id: string; status: string; recordedBy: string } }>(await as(o.role ?? "SOCIAL_WORKER"), RECORD, { input });
  }
  const shownTo = async (partner: string, id: string) => (await env.svc.query<{ child: { id: string } | null }>(await env.keys.partnerToken(partner), CHILD, { id })).data?.child?.id ?? null;
  const listedFor = async (partner: string) =>
    ((await env.svc.query<{ children: { edges: { node: { id: string } }[] } }>(await env.keys.partnerToken(partner), LIST)).data?.children.edges ?? []).map((e) => e.node.id);

  afterEach(() => setClock(null));

  it("shares with the named partner only, from the day the agreement starts, in child() and children()", async () => {
    const shared = await register();
    const notShared = await register();
    const later = await register();
    const r = await share(shared, "county-police", { role: "TEAM_MANAGER" });
    expect(r.errors).toBeUndefined();
    expect(r.data?.recordInformationSharingAgreement).toMatchObject({ status: "ACTIVE", recordedBy: "test-team-manager" });
    expect((await share(later, "county-police", { startDate: addDays(today(), 7), endDate: addDays(today(), 40) })).data?.recordInformationSharingAgreement.status).toBe("NOT_STARTED");

    expect(await eventually(async () => ((await shownTo("county-police", shared)) === shared ? true : undefined))).toBe(true);
    expect(await listedFor("county-police")).toEqual([shared]);
    expect(await shownTo("county-police", notShared)).toBeNull();
    expect(await shownTo("county-police", later)).toBeNull();
    // Another agency, and a PARTNER token naming no agency, are shown nothing.
    expect(await shownTo("riverside-school", shared)).toBeNull();
    expect(await listedFor("riverside-school")).toEqual([]);
    const anonymousPartner = await env.svc.query(await as("PARTNER"), CHILD, { id: shared });
    expect(anonymousPartner.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // A week on (platform clock), the later agreement has started.
    setClock(new Date(Date.now() + 7 * 86_400_000));
    expect(await shownTo("county-police", later)).toBe(later);
  });

  it("stops at the end date and at once when revoked", async () => {
    const id = await register();
    const a = (await share(id, "northbrook-health", { endDate: addDays(today(), 2) })).data!.recordInformationSharingAgreement;
    expect(await eventually(async () => ((await shownTo("northbrook-health", id)) === id ? true : undefined))).toBe(true);
    setClock(new Date(Date.now() + 3 * 86_400_000));
    expect(await shownTo("northbrook-health", id)).toBeNull();
    setClock(null);
    expect(await shownTo("northbrook-health", id)).toBe(id);

    const revoked = await env.svc.query<{ revokeInformationSharingAgreement: { status: string; revokeReason: string } }>(await as("SOCIAL_WORKER"), REVOKE, {
      input: { id: a.id, reason: "consent withdrawn by the young person" },
    });
    expect(revoked.data?.revokeInformationSharingAgreement).toMatchObject({ status: "REVOKED", revokeReason: "consent withdrawn by the young person" });
    expect(await eventually(async () => ((await shownTo("northbrook-health", id)) === null ? true : undefined))).toBe(true);
    const again = await env.svc.query(await as("SOCIAL_WORKER"), REVOKE, { input: { id: a.id, reason: "twice" } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id", rule: "ALREADY_REVOKED" });
  });

  it("a partner is not shown the UPN, the legal status or the record's other agreements", async () => {
    const id = await register();
    await share(id, "riverside-school");
    await eventually(async () => ((await shownTo("riverside-school", id)) === id ? true : undefined));
    const school = await env.keys.partnerToken("riverside-school");
    const r = await env.svc.query<{ child: Record<string, unknown> }>(school, `query($id: ID!) { child(id: $id) { id firstName upn legalStatus { code } } }`, { id });
    expect(r.data?.child).toEqual({ id, firstName: "Sam", upn: null, legalStatus: null });
    expect(r.errors?.map((e) => [e.extensions?.code, (e as { path?: string[] }).path?.join(".")]).sort()).toEqual([
      ["FORBIDDEN", "child.legalStatus"],
      ["FORBIDDEN", "child.upn"],
    ]);
    // A non-null list refused takes the child with it: never shown, never a partial list.
    const others = await env.svc.query(school, `query($id: ID!) { child(id: $id) { id informationSharingAgreements { partner } } }`, { id });
    expect(others.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, path: ["child", "informationSharingAgreements"] });
  });

  it("only social workers and team managers record or revoke; bad input names the field and writes nothing", async () => {
    const id = await register();
    for (const role of ["RESIDENTIAL_STAFF", "HEALTH_PROFESSIONAL", "IRO", "AUDITOR"] as const) {
      const r = await env.svc.query(await as(role), RECORD, { input: { childId: id, partner: "county-police", startDate: today(), endDate: today(), purpose: "x" } });
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const byPartner = await env.svc.query(await env.keys.partnerToken("county-police"), RECORD, { input: { childId: id, partner: "county-police", startDate: today(), endDate: today(), purpose: "x" } });
    expect(byPartner.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const unknown = await share(id, "nosy-agency");
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.partner", rule: "PARTNER_UNKNOWN" });
    expect((await share(id, "county-police")).errors).toBeUndefined();
    const twice = await share(id, "county-police", { startDate: addDays(today(), 10), endDate: addDays(today(), 60) });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.startDate", rule: "AGREEMENT_OVERLAP" });
    const missing = await share(randomUUID(), "county-police");
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.childId" });

    const list = await env.svc.query<{ child: { informationSharingAgreements: { partner: string; status: string }[] } }>(
      await as("SOCIAL_WORKER"),
      `query($id: ID!) { child(id: $id) { informationSharingAgreements { partner status } } }`,
      { id },
    );
    expect(list.data?.child.informationSharingAgreements).toEqual([{ partner: "county-police", status: "ACTIVE" }]);
  });

  it("a partner's reads are audited under the agency's name; recording is audited with its purpose", async () => {
    const id = await register();
    await share(id, "county-police");
    await eventually(async () => ((await shownTo("county-police", id)) === id ? true : undefined));
    const db = env.svc.service.deps.db;
    const rows = await eventually(async () => {
      const found = await db.$queryRawUnsafe<{ actor: string; role: string; kind: string; action: string; details: Record<string, unknown> }[]>(
        `SELECT actor, role, kind, action, details FROM children.audit_entry WHERE child_ids ? $1 OR child_id = $1::text ORDER BY seq`,
        id,
      );
      return found.some((r) => r.actor === "county-police") ? found : undefined;
    });
    expect(rows.find((r) => r.actor === "county-police")).toMatchObject({ role: "PARTNER", kind: "read", action: "child.read" });
    expect(rows.find((r) => r.action === "child.information_sharing_agreement_recorded")).toMatchObject({
      actor: "test-social-worker",
      details: { partner: "county-police", purpose: "statutory duties" },
    });
  });
});
