import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { placements } from "../src/service";

/** Issue 12: the placements domain honours ChildrenMerged / ChildrenUnmerged through the child directory's handlers. */
const env = serviceUnderTest(placements);
const TENANT = "E09000027";

const childEvent = (type: string, childId: string, payload: Record<string, unknown>) => envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
const send = (...events: EventEnvelope[]) => publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), events);
const processed = (eventId: string) =>
  eventually(async () => ((await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM placements.processed_event WHERE event_id = $1::uuid", eventId)).length === 1) || undefined);

async function knownChild() {
  const id = randomUUID();
  const registered = childEvent("ChildRegistered", id, { dateOfBirth: "2014-05-01", lookedAfterSince: "2026-01-05", legalStatus: "C2" });
  await send(registered);
  await processed(registered.id);
  return id;
}

const START = `mutation($input: StartPlacementInput!) { startPlacement(input: $input) { id } }`;
const CHILD = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id placements { id } currentPlacement { id } } } }`;
type Entity = { id: string; placements: { id: string }[]; currentPlacement: { id: string } | null };
const entity = async (id: string) => (await env.svc.query<{ _entities: (Entity | null)[] }>(env.token, CHILD, { reps: [{ __typename: "Child", id }] })).data?._entities[0];

it("a merge moves the merged child's placement to the kept child, whose id the merged id resolves to; an unmerge gives it back", async () => {
  const keep = await knownChild();
  const dup = await knownChild();
  const started = await env.svc.query<{ startPlacement: { id: string } }>(env.token, START, { input: { childId: dup, type: "U4", startDate: "2026-01-05" } });
  expect(started.errors).toBeUndefined();
  const placementId = started.data!.startPlacement.id;
  const payload = { keepId: keep, mergeId: dup, mergeEventId: randomUUID() };

  const merged = childEvent("ChildrenMerged", dup, payload);
  await send(merged);
  await processed(merged.id);
  expect(await entity(dup)).toEqual({ id: keep, placements: [{ id: placementId }], currentPlacement: { id: placementId } });
  expect(await entity(keep)).toEqual({ id: keep, placements: [{ id: placementId }], currentPlacement: { id: placementId } });

  const unmerged = childEvent("ChildrenUnmerged", dup, payload);
  await send(unmerged);
  await processed(unmerged.id);
  expect(await entity(dup)).toEqual({ id: dup, placements: [{ id: placementId }], currentPlacement: { id: placementId } });
  expect(await entity(keep)).toEqual({ id: keep, placements: [], currentPlacement: null });
});

it("a kept child with placements of its own keeps its history whole: the duplicate's stay with the merged record, never two open placements", async () => {
  const keep = await knownChild();
  const dup = await knownChild();
  const own = await env.svc.query<{ startPlacement: { id: string } }>(env.token, START, { input: { childId: keep, type: "U4", startDate: "2026-01-05" } });
  const theirs = await env.svc.query<{ startPlacement: { id: string } }>(env.token, START, { input: { childId: dup, type: "U6", startDate: "2026-02-02" } });
  expect([own.errors, theirs.errors]).toEqual([undefined, undefined]);
  const merged = childEvent("ChildrenMerged", dup, { keepId: keep, mergeId: dup, mergeEventId: randomUUID() });
  await send(merged);
  await processed(merged.id);
  const ownId = own.data!.startPlacement.id;
  expect(await entity(keep)).toEqual({ id: keep, placements: [{ id: ownId }], currentPlacement: { id: ownId } });
  const left = await env.svc.service.deps.db.$queryRawUnsafe<{ child_id: string }[]>("SELECT child_id::text FROM placements.placement WHERE id = $1::uuid", theirs.data!.startPlacement.id);
  expect(left).toEqual([{ child_id: dup }]);
});
