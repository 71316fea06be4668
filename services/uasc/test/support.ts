import { envelope, EventEnvelope, eventsTopic } from "@caregraph/platform";
import { collect, eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { uasc } from "../src/service";

export const TENANT = "E09000027";

/**
 * The uasc service on a fresh database and its own mock broker (jest hooks registered by the
 * calling test file), with small factories: a child registered through the children domain's
 * events, GraphQL calls as a social worker, and a listener on the uasc topic.
 */
export function harness() {
  const env = serviceUnderTest(uasc, TENANT);
  const kafka = () => testKafka(env.broker.bootstrapServers);
  const db = () => env.svc.service.deps.db;

  const childEvent = (type: string, childId: string, payload: Record<string, unknown>) =>
    envelope({ type, childId, payload }, { tenant: TENANT, source: "children", actor: "test" });
  const send = (...events: EventEnvelope[]) => publish(kafka(), eventsTopic("children"), events);

  const REFERENCE = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id } } }`;
  const known = async (token: string, id: string) =>
    (await env.svc.query<{ _entities: ({ id: string } | null)[] }>(token, REFERENCE, { reps: [{ __typename: "Child", id }] })).data?._entities[0]?.id === id;

  /** A child registered by the children domain (ChildRegistered), once this service knows it. */
  async function child(dateOfBirth = "2010-04-20", lookedAfterSince = "2026-09-01", extra: EventEnvelope[] = []) {
    const id = randomUUID();
    await send(
      childEvent("ChildRegistered", id, { dateOfBirth, lookedAfterSince, sex: "M", legalStatus: "V2" }),
      childEvent("ChildBecameLookedAfter", id, { date: lookedAfterSince, legalStatus: "V2" }),
      ...extra.map((e) => ({ ...e, childId: id })),
    );
    await eventually(() => known(env.token, id));
    return id;
  }

  /** Runs a mutation as a social worker; returns data's single field, or the first error's extensions. */
  async function mutate<T = Record<string, unknown>>(doc: string, input: Record<string, unknown>, token = env.token) {
    const r = await env.svc.query<Record<string, T>>(token, doc, { input });
    return { data: r.data ? (Object.values(r.data)[0] as T) : null, error: r.errors?.[0] };
  }

  /** Child.uasc through _entities, as the gateway asks for it. */
  async function uascOf<T = Record<string, unknown>>(id: string, fields: string, token = env.token): Promise<T | null> {
    const r = await env.svc.query<{ _entities: ({ uasc: T | null } | null)[] }>(
      token,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { uasc { ${fields} } } } }`,
      { reps: [{ __typename: "Child", id }] },
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data?._entities[0]?.uasc ?? null;
  }

  /** Rows this service wrote for a child: its outbox events and audit entries. */
  async function written(childId: string) {
    const [outbox] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM uasc.outbox_event WHERE key = $1 AND topic = 'caregraph.uasc.events'`, childId);
    const [audit] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM uasc.audit_entry WHERE child_id = $1 AND kind = 'change'`, childId);
    return { events: outbox!.n, audits: audit!.n };
  }

  /** Listens on the uasc topic (and the audit trail topic) from the beginning. */
  const listen = () => collect(kafka(), [eventsTopic("uasc"), "caregraph.audit"]);

  /** This child's events once `n` of them have arrived: of `type` if given, else the domain's own (audit copies left out). */
  async function eventsFor(l: Awaited<ReturnType<typeof listen>>, childId: string, n: number, type?: string) {
    return eventually(async () => {
      const mine = l.events().filter((e) => e.childId === childId && e.source === "uasc" && (type ? e.type === type : e.type !== "AuditRecorded"));
      return mine.length >= n ? mine : undefined;
    });
  }

  return { env, db, child, send, childEvent, mutate, uascOf, written, listen, eventsFor };
}

export const STATUS = `mutation($input: RecordImmigrationStatusInput!) { recordImmigrationStatus(input: $input) { id status decidedOn leaveExpiresOn renewalDueDate renewalExplanation current } }`;
export const APPLIED = `mutation($input: RecordFurtherLeaveApplicationInput!) { recordFurtherLeaveApplication(input: $input) { id furtherLeaveAppliedOn } }`;
export const ASSESS = `mutation($input: RecordAgeAssessmentInput!) { recordAgeAssessment(input: $input) { id outcome assessedOn assessors interpreterLanguage interpreterPresent childInformedOn assessedDateOfBirth mertonOutstanding } }`;
export const DETAILS = `mutation($input: RecordUascDetailsInput!) { recordUascDetails(input: $input) { homeOfficeReference legalRepresentative interpreterLanguage } }`;
