import { envelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { collect, eventually, publish, testKafka, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { placements } from "../src/service";

const env = serviceUnderTest(placements);
beforeAll(() => setClock("2026-12-22T09:00:00Z"));
afterAll(() => setClock(null));

const childEvent = (type: string, childId: string, payload: Record<string, unknown>) =>
  envelope({ type, childId, payload }, { tenant: "E09000027", source: "children", actor: "test" });

/** A looked-after child, as the children domain announces one. */
async function lookedAfterChild() {
  const id = randomUUID();
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), [
    childEvent("ChildRegistered", id, { dateOfBirth: "2012-04-01", lookedAfterSince: null }),
    childEvent("ChildBecameLookedAfter", id, { date: "2026-09-01", legalStatus: "C2" }),
  ]);
  await eventually(
    async () =>
      (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM placements.known_child WHERE id = $1::uuid AND looked_after_since IS NOT NULL", id))
        .length === 1,
  );
  return id;
}

const FIELDS = `id kind startedAt endedAt returnInterviewDueAt returnInterviewOfferedAt returnInterviewHeldAt returnInterviewDeclined returnInterviewBy returnInterviewExplanation`;
const START = `mutation($input: StartMissingEpisodeInput!) { startMissingEpisode(input: $input) { ${FIELDS} } }`;
const END = `mutation($input: EndMissingEpisodeInput!) { endMissingEpisode(input: $input) { ${FIELDS} } }`;
const INTERVIEW = `mutation($input: RecordReturnHomeInterviewInput!) { recordReturnHomeInterview(input: $input) { ${FIELDS} } }`;
const EPISODES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { missingEpisodes { ${FIELDS} } } } }`;

type Episode = Record<string, unknown> & { id: string };
const episodes = async (childId: string) =>
  (await env.svc.query<{ _entities: { missingEpisodes: Episode[] }[] }>(env.token, EPISODES, { reps: [{ __typename: "Child", id: childId }] })).data?._entities[0]
    ?.missingEpisodes;
const start = async (childId: string, startedAt: string, kind = "MISSING") =>
  (await env.svc.query<{ startMissingEpisode: Episode }>(env.token, START, { input: { childId, startedAt, kind } })).data!.startMissingEpisode;

it("a return makes a return home interview due 72 hours later: events out and a statutory task scheduled, then completed when held", async () => {
  const id = await lookedAfterChild();
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("placements")]);
  try {
    const episode = await start(id, "2026-12-17T22:15:00+00:00", "AWAY");
    expect(episode).toMatchObject({ kind: "AWAY", startedAt: "2026-12-17T22:15:00.000Z", endedAt: null, returnInterviewDueAt: null });
    const ended = await env.svc.query<{ endMissingEpisode: Episode }>(env.token, END, { input: { episodeId: episode.id, endedAt: "2026-12-18T14:30:00Z" } });
    expect(ended.data?.endMissingEpisode).toMatchObject({
      endedAt: "2026-12-18T14:30:00.000Z",
      returnInterviewDueAt: "2026-12-21T14:30:00.000Z",
      returnInterviewExplanation: "Return home interview due 21 Dec 2026 14:30: 72 hours after the return at 18 Dec 2026 14:30",
    });
    const held = await env.svc.query<{ recordReturnHomeInterview: Episode }>(env.token, INTERVIEW, {
      input: { episodeId: episode.id, offeredAt: "2026-12-19T10:00:00Z", heldAt: "2026-12-20T11:00:00Z", by: "independent RHI worker" },
    });
    expect(held.data?.recordReturnHomeInterview).toMatchObject({
      returnInterviewOfferedAt: "2026-12-19T10:00:00.000Z",
      returnInterviewHeldAt: "2026-12-20T11:00:00.000Z",
      returnInterviewDeclined: false,
      returnInterviewBy: "independent RHI worker",
    });
    expect(await episodes(id)).toHaveLength(1);

    const mine = await eventually(async () => {
      const e = listener.events().filter((x) => x.childId === id && !x.type.startsWith("Chronology"));
      return e.length >= 4 ? e : undefined;
    });
    expect(mine.map((e) => e.type)).toEqual(["MissingEpisodeStarted", "MissingEpisodeEnded", "StatutoryTaskScheduled", "StatutoryTaskCompleted"]);
    expect(mine[0]?.payload).toEqual({ episodeId: episode.id, kind: "AWAY", startedAt: "2026-12-17T22:15:00.000Z" });
    expect(mine[1]?.payload).toEqual({
      episodeId: episode.id,
      kind: "AWAY",
      startedAt: "2026-12-17T22:15:00.000Z",
      endedAt: "2026-12-18T14:30:00.000Z",
      returnInterviewDueAt: "2026-12-21T14:30:00.000Z",
    });
    expect(mine[2]?.payload).toMatchObject({
      taskId: episode.id,
      task: "ReturnHomeInterview",
      dueDate: "2026-12-21",
      dueAt: "2026-12-21T14:30:00.000Z",
      explanation: "Return home interview due 21 Dec 2026 14:30: 72 hours after the return at 18 Dec 2026 14:30",
    });
    expect(mine[3]?.payload).toMatchObject({ taskId: episode.id, task: "ReturnHomeInterview", completedOn: "2026-12-20", completedAt: "2026-12-20T11:00:00.000Z" });
  } finally {
    await listener.stop();
  }
});

it.each([
  ["a second open episode", "SECOND_OPEN_EPISODE", "input.childId"],
  ["an episode in the future", "NOT_IN_FUTURE", "input.startedAt"],
])("refuses %s, naming the field and rule, and writes nothing", async (what, rule, field) => {
  const id = await lookedAfterChild();
  await start(id, "2026-12-20T08:00:00Z");
  const startedAt = what.includes("future") ? "2026-12-23T08:00:00Z" : "2026-12-21T08:00:00Z";
  const r = await env.svc.query(env.token, START, { input: { childId: id, startedAt, kind: "MISSING" } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
  expect(await episodes(id)).toHaveLength(1);
});

it("an episode cannot end before it starts, and nothing is written", async () => {
  const id = await lookedAfterChild();
  const episode = await start(id, "2026-12-20T08:00:00Z");
  const r = await env.svc.query(env.token, END, { input: { episodeId: episode.id, endedAt: "2026-12-20T07:59:00Z" } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endedAt", rule: "END_BEFORE_START" });
  expect((await episodes(id))?.[0]).toMatchObject({ endedAt: null, returnInterviewDueAt: null });
});

it("an instant without its offset is refused with BAD_USER_INPUT naming the rule", async () => {
  const id = await lookedAfterChild();
  const r = await env.svc.query(env.token, START, { input: { childId: id, startedAt: "2026-12-20T08:00:00", kind: "MISSING" } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", rule: "DATETIME_FORMAT" });
  const literal = await env.svc.query(env.token, `mutation { startMissingEpisode(input: { childId: "${id}", startedAt: "2026-02-30T08:00:00Z", kind: MISSING }) { id } }`);
  expect(literal.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", rule: "DATETIME_FORMAT" });
  expect(await episodes(id)).toEqual([]);
});

it("an interview declined by the child completes the task; one before the return is refused", async () => {
  const id = await lookedAfterChild();
  const episode = await start(id, "2026-12-19T20:00:00Z");
  await env.svc.query(env.token, END, { input: { episodeId: episode.id, endedAt: "2026-12-20T06:00:00Z" } });
  const early = await env.svc.query(env.token, INTERVIEW, { input: { episodeId: episode.id, heldAt: "2026-12-20T05:00:00Z" } });
  expect(early.errors?.[0]?.extensions).toMatchObject({ field: "input.heldAt", rule: "INTERVIEW_BEFORE_RETURN" });
  const declined = await env.svc.query<{ recordReturnHomeInterview: Episode }>(env.token, INTERVIEW, {
    input: { episodeId: episode.id, offeredAt: "2026-12-21T10:00:00Z", declined: true, by: "RHI worker" },
  });
  expect(declined.data?.recordReturnHomeInterview).toMatchObject({ returnInterviewDeclined: true, returnInterviewHeldAt: null });
});

it("leaving care cancels an open return home interview task", async () => {
  const id = await lookedAfterChild();
  const listener = await collect(testKafka(env.broker.bootstrapServers), [eventsTopic("placements")]);
  try {
    const episode = await start(id, "2026-12-19T20:00:00Z");
    await env.svc.query(env.token, END, { input: { episodeId: episode.id, endedAt: "2026-12-20T06:00:00Z" } });
    await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), [
      childEvent("ChildCeasedLookedAfter", id, { endDate: "2026-12-21", reason: "E4A" }),
    ]);
    const cancelled = await eventually(async () => listener.events().find((e) => e.childId === id && e.type === "StatutoryTaskCancelled"));
    expect(cancelled.payload).toMatchObject({ taskId: episode.id, task: "ReturnHomeInterview", reason: "ceased to be looked after" });
  } finally {
    await listener.stop();
  }
});
