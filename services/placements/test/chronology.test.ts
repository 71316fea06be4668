import { setClock } from "@caregraph/platform/clock";
import { announceChild, chronologyEvents, roleTokens, serviceUnderTest } from "@caregraph/platform/testing";
import { duration } from "../src/events/chronology";
import { placements } from "../src/service";

/** What the placements domain tells the child's chronology, in the transaction of each change (read from the outbox). */
const env = serviceUnderTest(placements);
const as = roleTokens(env);
beforeAll(() => setClock("2026-12-22T09:00:00Z"));
afterAll(() => setClock(null));

const knownChild = () => announceChild(env, { dateOfBirth: "2012-04-01", lookedAfterSince: "2026-01-05" });
async function run<T = { id: string }>(op: string, type: string, input: Record<string, unknown>, fields = "id", token = env.token): Promise<T> {
  const r = await env.svc.query<Record<string, T>>(token, `mutation($input: ${type}!) { ${op}(input: $input) { ${fields} } }`, { input });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!;
}
const told = (childId: string) => chronologyEvents(env.svc.service.deps.db, "placements", childId);

it("a placement, a move with its reason, and an end: one entry each, in DfE words, with no postcode", async () => {
  const id = await knownChild();
  const first = await run("startPlacement", "StartPlacementInput", { childId: id, type: "U4", startDate: "2026-01-05", postcode: "TW9 1AA", urn: "SC123456" });
  expect(await told(id)).toEqual([
    {
      type: "ChronologyEntryRecorded",
      entryId: `placement:${first.id}:started`,
      kind: "PlacementStarted",
      on: "2026-01-05",
      summary: "Placement started: U4 (Foster placement with other foster carer, long-term fostering)",
    },
  ]);
  const second = await run("changePlacement", "ChangePlacementInput", { childId: id, type: "K2", date: "2026-03-02", reason: "CHILD", postcode: "SW1A 1AA" });
  expect((await told(id)).slice(1)).toEqual([
    {
      type: "ChronologyEntryRecorded",
      entryId: `placement:${second.id}:started`,
      kind: "PlacementMoved",
      on: "2026-03-02",
      summary: "Moved from placement U4 to K2 (Children's home (Children's Homes Regulations)); reason for the change CHILD (Child requests placement end)",
    },
  ]);
  await run("endPlacement", "EndPlacementInput", { childId: id, endDate: "2026-06-30" });
  expect((await told(id)).at(-1)).toEqual({
    type: "ChronologyEntryRecorded",
    entryId: `placement:${second.id}:ended`,
    kind: "PlacementEnded",
    on: "2026-06-30",
    summary: "Placement ended: K2 (Children's home (Children's Homes Regulations))",
  });
  const all = JSON.stringify(await told(id));
  for (const hidden of ["TW9", "SW1A", "SC123456"]) expect(all).not.toContain(hidden);
});

it("a corrected start date replaces the entry; voiding a move withdraws it and the placement it ended runs on", async () => {
  const id = await knownChild();
  const first = await run("startPlacement", "StartPlacementInput", { childId: id, type: "U6", startDate: "2026-01-05" });
  const manager = await as("TEAM_MANAGER");
  await run("amendPlacement", "AmendPlacementInput", { id: first.id, startDate: "2026-01-06", reason: "keyed a day early" }, "id", manager);
  expect((await told(id)).at(-1)).toMatchObject({ type: "ChronologyEntryRecorded", entryId: `placement:${first.id}:started`, on: "2026-01-06" });
  const moved = await run("changePlacement", "ChangePlacementInput", { childId: id, type: "K2", date: "2026-03-02", reason: "CARPL" });
  const before = (await told(id)).length;
  await run("voidPlacement", "VoidPlacementInput", { id: moved.id, reason: "recorded on the wrong child" });
  expect((await told(id)).slice(before)).toEqual([
    { type: "ChronologyEntryWithdrawn", entryId: `placement:${moved.id}:started`, reason: "placement voided as entered in error" },
  ]);
});

it("a placement recorded as already ended has its start and its end", async () => {
  const id = await knownChild();
  const p = await run("startPlacement", "StartPlacementInput", { childId: id, type: "T4", startDate: "2026-01-05", endDate: "2026-01-09" });
  expect((await told(id)).map((e) => [e.kind, e.on, e.entryId])).toEqual([
    ["PlacementStarted", "2026-01-05", `placement:${p.id}:started`],
    ["PlacementEnded", "2026-01-09", `placement:${p.id}:ended`],
  ]);
});

it("a missing episode: gone and back with the times (England's clock), how long, the interview due, and the interview", async () => {
  const id = await knownChild();
  const FIELDS = "id";
  const episode = await run("startMissingEpisode", "StartMissingEpisodeInput", { childId: id, startedAt: "2026-12-17T22:10:00Z", kind: "MISSING" }, FIELDS);
  await run("endMissingEpisode", "EndMissingEpisodeInput", { episodeId: episode.id, endedAt: "2026-12-19T01:40:00Z" }, FIELDS);
  await run("recordReturnHomeInterview", "RecordReturnHomeInterviewInput", { episodeId: episode.id, heldAt: "2026-12-20T11:00:00Z", by: "A. Worker" }, FIELDS);
  expect(await told(id)).toEqual([
    {
      type: "ChronologyEntryRecorded",
      entryId: `missing-episode:${episode.id}:started`,
      kind: "MissingEpisodeStarted",
      on: "2026-12-17",
      at: "2026-12-17T22:10:00.000Z",
      summary: "Missing from 17 Dec 2026 22:10 GMT",
    },
    {
      type: "ChronologyEntryRecorded",
      entryId: `missing-episode:${episode.id}:ended`,
      kind: "MissingEpisodeEnded",
      on: "2026-12-19",
      at: "2026-12-19T01:40:00.000Z",
      summary: "Returned at 19 Dec 2026 01:40 GMT after 1 day 3 hours 30 minutes (missing); return home interview due by 22 Dec 2026 01:40 GMT",
    },
    {
      type: "ChronologyEntryRecorded",
      entryId: `missing-episode:${episode.id}:return-home-interview`,
      kind: "ReturnHomeInterview",
      on: "2026-12-20",
      at: "2026-12-20T11:00:00.000Z",
      summary: "Return home interview held",
    },
  ]);
  expect(JSON.stringify(await told(id))).not.toContain("Worker");
});

it("a summer-time departure shows the clock in England (BST) and its day, not UTC's", async () => {
  const id = await knownChild();
  const episode = await run("startMissingEpisode", "StartMissingEpisodeInput", { childId: id, startedAt: "2026-06-30T23:30:00Z", kind: "AWAY" });
  expect((await told(id))[0]).toMatchObject({ on: "2026-07-01", at: "2026-06-30T23:30:00.000Z", summary: "Away from placement without authorisation from 1 Jul 2026 00:30 BST" });
  expect(episode.id).toEqual(expect.any(String));
});

it("durations read as a practitioner would say them", () => {
  expect(duration(45 * 60_000)).toBe("45 minutes");
  expect(duration(60 * 60_000)).toBe("1 hour");
  expect(duration((2 * 1440 + 3 * 60) * 60_000)).toBe("2 days 3 hours");
  expect(duration(10_000)).toBe("less than a minute");
});
