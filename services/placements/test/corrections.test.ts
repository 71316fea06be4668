import { setClock } from "@caregraph/platform/clock";
import { announceChild, chronologyEvents, outboxEvents, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { placements } from "../src/service";

/** Amend / void for short breaks, temporary approvals and disruption meetings (the pattern of amendPlacement / voidPlacement). */
const env = serviceUnderTest(placements);
beforeAll(() => setClock("2026-12-22T09:00:00Z"));
afterAll(() => setClock(null));

const knownChild = () => announceChild(env, { dateOfBirth: "2016-04-01", lookedAfterSince: "2026-01-05", legalStatus: "C1" });
const mutate = (op: string, type: string, input: Record<string, unknown>, fields = "id", token = env.token) =>
  env.svc.query<Record<string, Record<string, unknown>>>(token, `mutation($input: ${type}!) { ${op}(input: $input) { ${fields} } }`, { input });
async function run(op: string, type: string, input: Record<string, unknown>, fields = "id") {
  const r = await mutate(op, type, input, fields);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!;
}
const outbox = (childId: string) => outboxEvents(env.svc.service.deps.db, "placements", childId);
const audit = (entityId: string) =>
  env.svc.service.deps.db.$queryRawUnsafe<{ action: string; details: Record<string, unknown> }[]>("SELECT action, details FROM placements.audit_entry WHERE entity_id = $1 ORDER BY seq", entityId);
const CHILD = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { shortBreaks { startDate endDate legalStatus } } } }`;
const breaks = async (id: string) =>
  (await env.svc.query<{ _entities: { shortBreaks: unknown[] }[] }>(env.token, CHILD, { reps: [{ __typename: "Child", id }] })).data?._entities[0]?.shortBreaks;

describe("short breaks", () => {
  it("amended with a reason (limits checked again, audited, event, chronology); voided: out of lists and of the 75 days", async () => {
    const id = await knownChild();
    const a = await run("recordShortBreak", "RecordShortBreakInput", { childId: id, startDate: "2026-02-06", endDate: "2026-02-08" });
    await run("recordShortBreak", "RecordShortBreakInput", { childId: id, startDate: "2026-03-01", endDate: "2026-03-18" });
    // 18 days would break reg 48's 17-day limit: refused, nothing changes.
    const long = await mutate("amendShortBreak", "AmendShortBreakInput", { id: a.id, endDate: "2026-02-24", reason: "typo" });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate", rule: "SHORT_BREAK_AT_MOST_17_DAYS" });
    const noReason = await mutate("amendShortBreak", "AmendShortBreakInput", { id: a.id, endDate: "2026-02-09", reason: " " });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ field: "input.reason", rule: "REASON_REQUIRED" });
    const amended = await run("amendShortBreak", "AmendShortBreakInput", { id: a.id, endDate: "2026-02-09", legalStatus: "V4", reason: "returned home a day later" }, "endDate days legalStatus");
    expect(amended).toEqual({ endDate: "2026-02-09", days: 3, legalStatus: "V4" });
    expect((await audit(a.id as string)).map((x) => x.action)).toEqual(["short_break.recorded", "short_break.amended"]);
    expect((await outbox(id)).filter((e) => e.type.startsWith("ShortBreak")).map((e) => e.type)).toEqual(["ShortBreakRecorded", "ShortBreakRecorded", "ShortBreakAmended"]);
    expect((await chronologyEvents(env.svc.service.deps.db, "placements", id)).at(-1)).toMatchObject({ summary: "Short break of 3 days, 6 Feb 2026 to 9 Feb 2026" });

    const voided = await run("voidShortBreak", "VoidShortBreakInput", { id: a.id, reason: "entered on the wrong child" }, "voidedAt voidReason");
    expect(voided).toMatchObject({ voidReason: "entered on the wrong child" });
    expect(await breaks(id)).toEqual([{ startDate: "2026-03-01", endDate: "2026-03-18", legalStatus: "V3" }]);
    const again = await mutate("amendShortBreak", "AmendShortBreakInput", { id: a.id, endDate: "2026-02-08", reason: "x" });
    expect(again.errors?.[0]?.extensions).toMatchObject({ field: "input.id", rule: "ALREADY_VOIDED" });
    expect((await outbox(id)).at(-1)?.type).toBe("ChronologyEntryWithdrawn");
    const unknown = await mutate("voidShortBreak", "VoidShortBreakInput", { id: randomUUID(), reason: "x" });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.id" });
    const fo = await env.keys.token({ roles: ["FOSTERING_OFFICER"] });
    expect((await mutate("voidShortBreak", "VoidShortBreakInput", { id: a.id, reason: "x" }, "id", fo)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("a temporary approval corrected", () => {
  it("its end moves the task; limits from the start (16 weeks, 24 once extended); removed: the task is cancelled and care-planning told", async () => {
    const id = await knownChild();
    const p = await run("startPlacement", "StartPlacementInput", { childId: id, type: "U3", startDate: "2026-12-21", temporaryApprovalEndsOn: "2027-03-01" });
    const tooLong = await mutate("amendTemporaryApproval", "AmendTemporaryApprovalInput", { placementId: p.id, endsOn: "2027-04-13", reason: "typo" });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ field: "input.endsOn", rule: "AT_MOST_16_WEEKS" });
    const moved = await run("amendTemporaryApproval", "AmendTemporaryApprovalInput", { placementId: p.id, endsOn: "2027-04-12", reason: "the panel date was misread" }, "temporaryApprovalEndsOn");
    expect(moved).toEqual({ temporaryApprovalEndsOn: "2027-04-12" });
    const tasks = async () => (await outbox(id)).filter((e) => e.type.startsWith("StatutoryTask") && (e.payload as { task: string }).task === "ConnectedPersonTemporaryApproval");
    expect((await tasks()).map((e) => [e.type, e.payload.dueDate])).toEqual([
      ["StatutoryTaskScheduled", "2027-02-28"],
      ["StatutoryTaskScheduled", "2027-04-11"],
    ]);
    expect((await outbox(id)).find((e) => e.type === "TemporaryApprovalAmended")?.payload).toEqual({ placementId: p.id, endsOn: "2027-04-12" });
    const removed = await run("amendTemporaryApproval", "AmendTemporaryApprovalInput", { placementId: p.id, endsOn: null, reason: "a foster carer, not a connected person" }, "temporaryApprovalEndsOn temporaryApprovalExtended");
    expect(removed).toEqual({ temporaryApprovalEndsOn: null, temporaryApprovalExtended: false });
    expect((await tasks()).at(-1)).toMatchObject({ type: "StatutoryTaskCancelled" });
    expect((await outbox(id)).filter((e) => e.type === "TemporaryApprovalAmended").at(-1)?.payload).toEqual({ placementId: p.id, endsOn: null });
    const none = await mutate("amendTemporaryApproval", "AmendTemporaryApprovalInput", { placementId: p.id, endsOn: null, reason: "again" });
    expect(none.errors?.[0]?.extensions).toMatchObject({ field: "input.endsOn", rule: "HAS_TEMPORARY_APPROVAL" });
    expect((await audit(p.id as string)).map((x) => x.action)).toContain("placement.temporary_approval_amended");
  });
});

describe("a disruption meeting corrected", () => {
  it("its day corrected, then voided (heldOn null); only one recorded can be corrected", async () => {
    const id = await knownChild();
    const p = await run("startPlacement", "StartPlacementInput", { childId: id, type: "U6", startDate: "2026-06-01" });
    await run("endPlacement", "EndPlacementInput", { childId: id, endDate: "2026-12-01", planned: false });
    const none = await mutate("amendDisruptionMeeting", "AmendDisruptionMeetingInput", { placementId: p.id, heldOn: "2026-12-10", reason: "x" });
    expect(none.errors?.[0]?.extensions).toMatchObject({ rule: "HAS_DISRUPTION_MEETING" });
    await run("recordDisruptionMeeting", "RecordDisruptionMeetingInput", { placementId: p.id, heldOn: "2026-12-10" });
    const future = await mutate("amendDisruptionMeeting", "AmendDisruptionMeetingInput", { placementId: p.id, heldOn: "2026-12-23", reason: "x" });
    expect(future.errors?.[0]?.extensions).toMatchObject({ field: "input.heldOn", rule: "NOT_IN_FUTURE" });
    expect(await run("amendDisruptionMeeting", "AmendDisruptionMeetingInput", { placementId: p.id, heldOn: "2026-12-11", reason: "minutes dated the 11th" }, "disruptionMeetingHeldOn")).toEqual({ disruptionMeetingHeldOn: "2026-12-11" });
    expect(await run("amendDisruptionMeeting", "AmendDisruptionMeetingInput", { placementId: p.id, heldOn: null, reason: "no meeting was held" }, "disruptionMeetingHeldOn")).toEqual({ disruptionMeetingHeldOn: null });
    expect((await outbox(id)).filter((e) => e.type.startsWith("DisruptionMeeting")).map((e) => e.type)).toEqual(["DisruptionMeetingHeld", "DisruptionMeetingAmended", "DisruptionMeetingVoided"]);
    expect((await audit(p.id as string)).map((x) => x.action).slice(-2)).toEqual(["placement.disruption_meeting_amended", "placement.disruption_meeting_voided"]);
  });
});
