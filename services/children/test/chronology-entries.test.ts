import { setClock } from "@caregraph/platform/clock";
import { chronologyEvents, roleTokens, serviceUnderTest } from "@caregraph/platform/testing";
import { children } from "../src/service";

/** What the children domain tells the chronology, in the same transaction as each change (read from the outbox). */
const env = serviceUnderTest(children);
const as = roleTokens(env);
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

type Status = { id: string; code: string };
const VIEW = `id legalStatuses { id code }`;
let seq = 0;
async function mutate<T = { id: string; legalStatuses: Status[] }>(name: string, type: string, input: Record<string, unknown>, token = env.token, view = VIEW): Promise<T> {
  const r = await env.svc.query<Record<string, T>>(token, `mutation($input: ${type}!) { ${name}(input: $input) { ${view} } }`, { input });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[name]!;
}
const register = () =>
  mutate("registerChild", "RegisterChildInput", {
    firstName: "Quinn",
    lastName: `Entries-${++seq}`,
    dateOfBirth: "2012-02-29",
    sex: "MALE",
    upn: "A123456789012",
    lookedAfterSince: "2026-06-01",
    legalStatus: "V2",
  });
const told = (childId: string) => chronologyEvents(env.svc.service.deps.db, "children", childId);

it("registering a looked-after child: the record opened today, and becoming looked after on the day, with the legal status", async () => {
  const c = await register();
  const [status] = c.legalStatuses;
  expect(await told(c.id)).toEqual([
    { type: "ChronologyEntryRecorded", entryId: `child:${c.id}:registered`, kind: "ChildRegistered", on: "2026-12-01", summary: "Record opened in CareGraph" },
    {
      type: "ChronologyEntryRecorded",
      entryId: `legal-status:${status!.id}`,
      kind: "BecameLookedAfter",
      on: "2026-06-01",
      summary: "Became looked after: legal status V2 (Single period of accommodation under section 20)",
    },
  ]);
});

it("a legal status change, its amendment and its voiding: recorded, replaced, withdrawn", async () => {
  const c = await register();
  const withC1 = await mutate("recordLegalStatus", "RecordLegalStatusInput", { childId: c.id, code: "C1", startDate: "2026-07-15" });
  const c1 = withC1.legalStatuses[1]!;
  expect((await told(c.id)).at(-1)).toEqual({
    type: "ChronologyEntryRecorded",
    entryId: `legal-status:${c1.id}`,
    kind: "LegalStatusChanged",
    on: "2026-07-15",
    summary: "Legal status changed from V2 to C1 (Interim care order)",
  });
  await mutate("amendLegalStatus", "AmendLegalStatusInput", { id: c1.id, code: "C2", startDate: "2026-07-16", reason: "the order was a full care order, made a day later" });
  expect((await told(c.id)).at(-1)).toMatchObject({ entryId: `legal-status:${c1.id}`, on: "2026-07-16", summary: "Legal status changed from V2 to C2 (Full care order)" });
  const before = (await told(c.id)).length;
  await mutate("voidLegalStatus", "VoidLegalStatusInput", { id: c1.id, reason: "recorded on the wrong child" });
  const after = await told(c.id);
  // Only the voided status's entry changes; the reason typed for the correction stays out of the chronology.
  expect(after.slice(before)).toEqual([{ type: "ChronologyEntryWithdrawn", entryId: `legal-status:${c1.id}`, reason: "legal status history corrected" }]);
});

it("amending the first status's date moves the becoming-looked-after entry; ending care adds the reason in DfE words", async () => {
  const c = await register();
  const [first] = c.legalStatuses;
  await mutate("amendLegalStatus", "AmendLegalStatusInput", { id: first!.id, code: "L2", startDate: "2026-05-29", reason: "EPO on the Friday" });
  expect((await told(c.id)).at(-1)).toMatchObject({ kind: "BecameLookedAfter", on: "2026-05-29", summary: "Became looked after: legal status L2 (Emergency protection order)" });
  await mutate("endCare", "EndCareInput", { childId: c.id, endDate: "2026-11-30", reason: "E4A" });
  expect((await told(c.id)).at(-1)).toEqual({
    type: "ChronologyEntryRecorded",
    entryId: `legal-status:${first!.id}:ceased`,
    kind: "CeasedLookedAfter",
    on: "2026-11-30",
    summary: "Ceased to be looked after: E4A (returned home to parent(s) or others with parental responsibility, as planned)",
  });
});

it("allocations and archiving are entries too; no summary carries a name or the UPN", async () => {
  const c = await register();
  const allocation = await mutate<{ id: string }>(
    "allocateWorker",
    "AllocateWorkerInput",
    { childId: c.id, workerId: "sw-dee", role: "ALLOCATED_SOCIAL_WORKER", from: "2026-06-02" },
    await as("TEAM_MANAGER"),
    "id",
  );
  expect((await told(c.id)).at(-1)).toEqual({
    type: "ChronologyEntryRecorded",
    entryId: `allocation:${allocation.id}`,
    kind: "WorkerAllocated",
    on: "2026-06-02",
    summary: "Social worker allocated",
  });
  const r = await env.svc.query(env.token, `mutation($id: ID!) { archiveChild(id: $id) { id } }`, { id: c.id });
  expect(r.errors).toBeUndefined();
  expect((await told(c.id)).at(-1)).toMatchObject({ kind: "RecordArchived", on: "2026-12-01", at: expect.stringMatching(/^2026-12-01T10:0/), summary: "Record archived" });
  const all = JSON.stringify(await told(c.id));
  for (const secret of ["Quinn", "Entries-", "A123456789012", "sw-dee"]) expect(all).not.toContain(secret);
});
