import { setClock } from "@caregraph/platform/clock";
import { announceChild, chronologyEvents, outboxEvents, serviceUnderTest } from "@caregraph/platform/testing";
import { placements } from "../src/service";

/** A connected person's temporary approval (CPPCR 2010 regs 24, 25) and short breaks (reg 48), through GraphQL. */
const env = serviceUnderTest(placements);
beforeAll(() => setClock("2026-12-22T09:00:00Z"));
afterAll(() => setClock(null));

const knownChild = () => announceChild(env, { dateOfBirth: "2016-04-01", lookedAfterSince: "2026-12-01", legalStatus: "C1" });
const mutate = (op: string, type: string, input: Record<string, unknown>, fields = "id") =>
  env.svc.query<Record<string, Record<string, unknown>>>(env.token, `mutation($input: ${type}!) { ${op}(input: $input) { ${fields} } }`, { input });
async function run(op: string, type: string, input: Record<string, unknown>, fields = "id") {
  const r = await mutate(op, type, input, fields);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!;
}
const outbox = (childId: string) => outboxEvents(env.svc.service.deps.db, "placements", childId);
const approvalTasks = async (childId: string) =>
  (await outbox(childId)).filter((e) => e.type.startsWith("StatutoryTask") && (e.payload as { task: string }).task === "ConnectedPersonTemporaryApproval");
const CHILD = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { placements { id } shortBreaks { startDate endDate days } } } }`;
const child = async (id: string) =>
  (await env.svc.query<{ _entities: { placements: unknown[]; shortBreaks: unknown[] }[] }>(env.token, CHILD, { reps: [{ __typename: "Child", id }] })).data?._entities[0];

describe("a connected person approved temporarily (reg 24)", () => {
  it("for 16 weeks, with a task the day before it lapses; extended once by 8 weeks, the task moves; a second extension is refused", async () => {
    const id = await knownChild();
    const p = await run("startPlacement", "StartPlacementInput", { childId: id, type: "U3", startDate: "2026-12-21", temporaryApprovalEndsOn: "2027-04-12" }, "id temporaryApprovalEndsOn temporaryApprovalExtended temporaryApprovalDecisionDue");
    expect(p).toMatchObject({
      temporaryApprovalEndsOn: "2027-04-12",
      temporaryApprovalExtended: false,
      temporaryApprovalDecisionDue: "Decision on the connected person's temporary approval due 11 Apr 2027: the day before the temporary approval lapses on 12 Apr 2027",
    });
    expect((await approvalTasks(id)).map((e) => [e.type, e.payload.taskId, e.payload.dueDate, e.payload.authority])).toEqual([
      ["StatutoryTaskScheduled", `${p.id}:temporary-approval`, "2027-04-11", "Care Planning, Placement and Case Review (England) Regulations 2010 regs 24 and 25"],
    ]);
    const started = (await outbox(id)).find((e) => e.type === "PlacementStarted");
    expect(started?.payload).toMatchObject({ temporaryApprovalEndsOn: "2027-04-12" });

    const extended = await run("extendTemporaryApproval", "ExtendTemporaryApprovalInput", { placementId: p.id, endsOn: "2027-06-07" }, "temporaryApprovalEndsOn temporaryApprovalExtended");
    expect(extended).toEqual({ temporaryApprovalEndsOn: "2027-06-07", temporaryApprovalExtended: true });
    expect((await approvalTasks(id)).at(-1)).toMatchObject({ type: "StatutoryTaskScheduled", payload: { dueDate: "2027-06-06" } });
    expect((await outbox(id)).some((e) => e.type === "TemporaryApprovalExtended")).toBe(true);
    const chronology = await chronologyEvents(env.svc.service.deps.db, "placements", id);
    expect(chronology.at(-1)).toMatchObject({
      entryId: `placement:${p.id}:temporary-approval`,
      summary: "Connected person approved temporarily (CPPCR 2010 reg 24) until 7 Jun 2027, extended once (reg 25)",
    });

    const again = await mutate("extendTemporaryApproval", "ExtendTemporaryApprovalInput", { placementId: p.id, endsOn: "2027-06-20" });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.placementId", rule: "EXTENDED_ONCE" });

    await run("endPlacement", "EndPlacementInput", { childId: id, endDate: "2026-12-22" });
    expect((await approvalTasks(id)).at(-1)).toMatchObject({ type: "StatutoryTaskCancelled", payload: { reason: "placement ended" } });
  });

  it.each([
    ["beyond 16 weeks", { type: "U3", temporaryApprovalEndsOn: "2027-04-13" }, "AT_MOST_16_WEEKS"],
    ["with a foster carer who is not a connected person", { type: "U6", temporaryApprovalEndsOn: "2027-03-01" }, "CONNECTED_PERSON_ONLY"],
  ])("refuses an approval %s, naming the field and rule, and writes nothing", async (_what, input, rule) => {
    const id = await knownChild();
    const r = await mutate("startPlacement", "StartPlacementInput", { childId: id, startDate: "2026-12-21", ...input });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.temporaryApprovalEndsOn", rule });
    expect((await child(id))?.placements).toEqual([]);
    expect(await outbox(id)).toEqual([]);
  });
});

describe("short breaks (reg 48)", () => {
  it("records breaks, and refuses one over 17 days or one taking the year over 75 days, writing nothing", async () => {
    const id = await knownChild();
    for (const m of ["01", "02", "03", "04", "05"]) {
      await run("recordShortBreak", "RecordShortBreakInput", { childId: id, startDate: `2026-${m}-01`, endDate: `2026-${m}-16` });
    }
    const long = await mutate("recordShortBreak", "RecordShortBreakInput", { childId: id, startDate: "2026-07-01", endDate: "2026-07-19" });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate", rule: "SHORT_BREAK_AT_MOST_17_DAYS" });
    const over = await mutate("recordShortBreak", "RecordShortBreakInput", { childId: id, startDate: "2026-12-31", endDate: "2027-01-01" });
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate", rule: "SHORT_BREAKS_AT_MOST_75_DAYS_IN_12_MONTHS" });
    expect(over.errors?.[0]?.message).toContain("76 days");
    expect((await child(id))?.shortBreaks).toHaveLength(5);
    expect((await outbox(id)).filter((e) => e.type === "ShortBreakRecorded")).toHaveLength(5);
    // Once January's break has left the 12 months, the next one fits.
    const later = await run("recordShortBreak", "RecordShortBreakInput", { childId: id, startDate: "2027-01-16", endDate: "2027-01-20" }, "startDate endDate days");
    expect(later).toEqual({ startDate: "2027-01-16", endDate: "2027-01-20", days: 4 });
    expect((await chronologyEvents(env.svc.service.deps.db, "placements", id)).at(-1)).toMatchObject({
      kind: "ShortBreak",
      on: "2027-01-16",
      summary: "Short break of 4 days, 16 Jan 2027 to 20 Jan 2027",
    });
  });
});
