import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { health } from "../src/service";

/** Issue 12: the health domain honours ChildrenMerged / ChildrenUnmerged through the child directory's handlers. */
const env = serviceUnderTest(health);
const TENANT = "E09000027";

const childEvent = (type: string, childId: string, payload: Record<string, unknown>) => envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);
const db = () => env.svc.service.deps.db;

async function lookedAfterChild(since: string) {
  const id = randomUUID();
  await send(childEvent("ChildRegistered", id, { dateOfBirth: "2016-03-03", lookedAfterSince: since }), childEvent("ChildBecameLookedAfter", id, { date: since, legalStatus: "C2" }));
  return id;
}

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id healthAssessments { id } } } }`;
async function entity(childId: string) {
  const r = await env.svc.query<{ _entities: ({ id: string; healthAssessments: { id: string }[] } | null)[] }>(env.token, ENTITIES, { reps: [{ __typename: "Child", id: childId }] });
  return r.data?._entities[0] ?? null;
}
const processed = (eventId: string) =>
  eventually(async () => ((await db().$queryRawUnsafe<unknown[]>("SELECT 1 FROM health.processed_event WHERE event_id = $1::uuid", eventId)).length === 1) || undefined);

it("a merge moves the merged child's health assessments to the kept child and its id resolves as the kept child; an unmerge puts them back", async () => {
  const keep = await lookedAfterChild("2026-10-01");
  const dup = await lookedAfterChild("2026-11-02");
  const own = await eventually(async () => {
    const [k, d] = [await entity(keep), await entity(dup)];
    return k?.healthAssessments.length && d?.healthAssessments.length ? { keep: k.healthAssessments, dup: d.healthAssessments } : undefined;
  });
  const payload = { keepId: keep, mergeId: dup, mergeEventId: randomUUID() };
  const merged = childEvent("ChildrenMerged", dup, payload);
  // Delivered twice: applied once.
  await send(merged, merged);
  await processed(merged.id);
  const after = await eventually(async () => {
    const e = await entity(dup);
    return e?.id === keep ? e : undefined;
  });
  expect(after.healthAssessments.map((a) => a.id).sort()).toEqual([...own.keep, ...own.dup].map((a) => a.id).sort());
  expect(await db().$queryRawUnsafe(`SELECT count(*)::int AS n FROM health.child_merge WHERE id = $1::uuid`, payload.mergeEventId)).toEqual([{ n: 1 }]);

  const unmerged = childEvent("ChildrenUnmerged", dup, payload);
  await send(unmerged);
  await processed(unmerged.id);
  const back = await entity(dup);
  expect(back?.id).toBe(dup);
  expect(back?.healthAssessments.map((a) => a.id).sort()).toEqual(own.dup.map((a) => a.id).sort());
  expect((await entity(keep))?.healthAssessments.map((a) => a.id).sort()).toEqual(own.keep.map((a) => a.id).sort());
});

it("a late event about the merged child (another domain's, published before the merge) lands on the kept child", async () => {
  const keep = await lookedAfterChild("2026-10-01");
  const dup = await lookedAfterChild("2026-11-02");
  await eventually(async () => ((await entity(keep))?.healthAssessments.length && (await entity(dup))?.healthAssessments.length) || undefined);
  const merged = childEvent("ChildrenMerged", dup, { keepId: keep, mergeId: dup, mergeEventId: randomUUID() });
  await send(merged);
  await processed(merged.id);
  const before = (await entity(keep))!.healthAssessments.length;
  // A placement move of the merged child, arriving now: health brings a review forward — for the kept child.
  const moved = envelope(
    { type: "PlacementStarted", childId: dup, payload: { placementId: randomUUID(), startDate: "2026-11-20", urn: null, isMove: true } },
    { tenant: TENANT, source: "placements", actor: "test" },
  );
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("placements"), [moved]);
  await processed(moved.id);
  const rows = await db().$queryRawUnsafe<{ child_id: string }[]>(`SELECT DISTINCT child_id::text FROM health.health_assessment WHERE child_id IN ($1::uuid, $2::uuid)`, keep, dup);
  expect(rows.map((r) => r.child_id)).toEqual([keep]);
  expect((await entity(keep))!.healthAssessments.length).toBeGreaterThanOrEqual(before);
});

it("the kept child's period of care follows the event: taken from the merged record, given back on the unmerge", async () => {
  const keep = randomUUID();
  await send(childEvent("ChildRegistered", keep, { dateOfBirth: "2016-03-03", lookedAfterSince: null }));
  const dup = await lookedAfterChild("2026-11-02");
  const since = async () =>
    (await db().$queryRawUnsafe<{ since: string | null }[]>(`SELECT looked_after_since::text AS since FROM health.known_child WHERE id = $1::uuid`, keep))[0]?.since;
  await eventually(async () => ((await entity(dup))?.healthAssessments.length && (await since()) === null) || undefined);
  const ids = { keepId: keep, mergeId: dup, mergeEventId: randomUUID() };
  const merged = childEvent("ChildrenMerged", dup, { ...ids, keptLookedAfterSince: "2026-11-02" });
  await send(merged);
  await processed(merged.id);
  expect(await since()).toBe("2026-11-02");
  const unmerged = childEvent("ChildrenUnmerged", dup, { ...ids, keptLookedAfterSince: null });
  await send(unmerged);
  await processed(unmerged.id);
  expect(await since()).toBeNull();
});
