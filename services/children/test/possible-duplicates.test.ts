import { AuditRow } from "@caregraph/platform";
import { eventually, roleTokens, serviceUnderTest } from "@caregraph/platform/testing";
import { children } from "../src/service";

/** Issue 12: possibleDuplicates scores the other children of the tenant against one. */
const env = serviceUnderTest(children);
const as = roleTokens(env);

const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id nhsNumber } }`;
const DUPLICATES = `query Duplicates($childId: ID!) { possibleDuplicates(childId: $childId) { score reasons child { id } } }`;
interface Candidate { score: number; reasons: string[]; child: { id: string } }

async function register(input: Record<string, unknown>, tenant = "E09000027") {
  const r = await env.svc.query<{ registerChild: { id: string; nhsNumber: string | null } }>(await as("SOCIAL_WORKER", { tenant }), REGISTER, {
    input: { sex: "MALE", confirmedNotDuplicate: true, ...input },
  });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.registerChild.id;
}
const duplicates = async (childId: string, token?: string) => env.svc.query<{ possibleDuplicates: Candidate[] }>(token ?? (await as("SOCIAL_WORKER")), DUPLICATES, { childId });

describe("possibleDuplicates", () => {
  it("finds the same child recorded twice, most alike first, with its reasons; leaves out the unlike and the child itself", async () => {
    const child = await register({ firstName: "Callum", lastName: "Copperfield", dateOfBirth: "2013-03-05", nhsNumber: "943 476 5919" });
    const sameNhs = await register({ firstName: "Cal", lastName: "Copperfeld", dateOfBirth: "2013-03-05", nhsNumber: "9434765919" });
    const swapped = await register({ firstName: "Callum", lastName: "Coperfield", dateOfBirth: "2013-05-03" });
    await register({ firstName: "Callum", lastName: "Copperfield", dateOfBirth: "2011-08-09" }); // name only: 35, under the threshold
    await register({ firstName: "Dora", lastName: "Spenlow", dateOfBirth: "2013-03-05" }); // birthday only
    const r = await duplicates(child);
    expect(r.errors).toBeUndefined();
    expect(r.data?.possibleDuplicates).toEqual([
      { score: 102, child: { id: sameNhs }, reasons: ["NHS number matches (+60)", "date of birth matches (+30)", "last name is a spelling variant (+12)"] },
      { score: 47, child: { id: swapped }, reasons: ["date of birth matches with day and month swapped (+20)", "last name is a spelling variant (+12)", "first name matches (+15)"] },
    ]);
  });

  it("a UPN alone is enough; a different NHS number counts against", async () => {
    const child = await register({ firstName: "Ada", lastName: "Quill", dateOfBirth: "2012-01-20", upn: "A123456789012", nhsNumber: "4010232137" });
    const sameUpn = await register({ firstName: "Grace", lastName: "Other", dateOfBirth: "2009-07-07", upn: "a123456789012" });
    await register({ firstName: "Ada", lastName: "Quill", dateOfBirth: "2012-01-20", nhsNumber: "9434765919" }); // 65 − 30 = 35
    const r = await duplicates(child);
    expect(r.data?.possibleDuplicates).toEqual([{ score: 50, child: { id: sameUpn }, reasons: ["UPN matches (+50)"] }]);
  });

  it("never shows another local authority's children", async () => {
    const child = await register({ firstName: "Tilly", lastName: "Trotwood", dateOfBirth: "2011-02-28" });
    await register({ firstName: "Tilly", lastName: "Trotwood", dateOfBirth: "2011-02-28" }, "E08000025");
    const mine = await register({ firstName: "Tilly", lastName: "Trotwood", dateOfBirth: "2011-02-28" });
    const r = await duplicates(child, await as("TEAM_MANAGER"));
    expect(r.data?.possibleDuplicates.map((c) => c.child.id)).toEqual([mine]);
    const theirs = await duplicates(child, await as("SOCIAL_WORKER", { tenant: "E08000025" }));
    expect(theirs.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("social workers and team managers may ask; other roles are refused", async () => {
    const child = await register({ firstName: "Uriah", lastName: "Heep", dateOfBirth: "2010-06-15" });
    for (const role of ["IRO", "HEALTH_PROFESSIONAL", "EDUCATION_COORDINATOR", "AUDITOR"] as const) {
      const r = await duplicates(child, await as(role));
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect((await duplicates(child, await as("TEAM_MANAGER"))).errors).toBeUndefined();
  });

  it("is audited as a read of the child asked about and of every candidate shown", async () => {
    const child = await register({ firstName: "Agnes", lastName: "Wickfield", dateOfBirth: "2012-09-30" });
    const twin = await register({ firstName: "Agnes", lastName: "Wickfeld", dateOfBirth: "2012-09-30" });
    const res = await fetch(env.svc.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await as("SOCIAL_WORKER")}`, "x-request-id": "req-duplicates-1" },
      body: JSON.stringify({ query: `query Duplicates($childId: ID!) { possibleDuplicates(childId: $childId) { score } }`, variables: { childId: child } }),
    });
    expect(((await res.json()) as { data: { possibleDuplicates: unknown[] } }).data.possibleDuplicates).toHaveLength(1);
    const rows = await eventually(async () => {
      const found = await env.svc.service.deps.db.$queryRawUnsafe<AuditRow[]>(`SELECT * FROM children.audit_entry WHERE kind = 'read' AND request_id = $1`, "req-duplicates-1");
      if (!found.length) throw new Error("not yet");
      return found;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "child.read", operation: "Duplicates", role: "SOCIAL_WORKER" });
    expect(rows[0]!.child_ids).toEqual([child, twin].sort());
  });
});

describe("NHS number at entry", () => {
  it("is stored as its 10 digits; a wrong check digit is refused naming input.nhsNumber, and nothing is written", async () => {
    const r = await env.svc.query<{ registerChild: { nhsNumber: string } }>(await as("SOCIAL_WORKER"), REGISTER, {
      input: { firstName: "Ham", lastName: "Peggotty", dateOfBirth: "2012-12-25", sex: "MALE", nhsNumber: "943 476 5919" },
    });
    expect(r.data?.registerChild.nhsNumber).toBe("9434765919");
    const bad = await env.svc.query(await as("SOCIAL_WORKER"), REGISTER, {
      input: { firstName: "Emily", lastName: "Peggotty", dateOfBirth: "2012-12-26", sex: "FEMALE", nhsNumber: "9434765918" },
    });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.nhsNumber", rule: "NHS_NUMBER_CHECK_DIGIT" } });
    expect(bad.errors?.[0]?.message).toContain("input.nhsNumber");
    expect(await env.svc.service.deps.db.child.count({ where: { lastName: "Peggotty", firstName: "Emily" } })).toBe(0);
  });
});
