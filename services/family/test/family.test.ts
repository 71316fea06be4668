import { setClock } from "@caregraph/platform/clock";
import { eventually, serviceUnderTest } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { family } from "../src/service";
import { ADD, ARRANGE, END, FAMILY, Member, SESSION, support, TREE } from "./support";

const env = serviceUnderTest(family);
const t = support(env);

type Family = {
  members: (Member & { parentalResponsibilityHistory: unknown[]; linkedChild: { id: string } | null })[];
  localAuthority: { basis: string; legalStatus: string; since: string | null } | null;
  contactArrangements: { id: string; endDate: string | null; endReason: string | null; frequency: { description: string }; sessions: { id: string; outcome: string; supervisorNote: string | null }[] }[];
  lifeStoryWork: { id: string; title: string; note: string | null }[];
};
type Tree = { nodes: { id: string; label: string; kind: string; relationship: string | null; child: { id: string } | null }[]; edges: { from: string; to: string; relationship: string; parentalResponsibility: boolean }[] };

async function familyOf(childId: string): Promise<Family> {
  const r = await t.gql<{ _entities: { family: Family }[] }>(FAMILY, { reps: [{ __typename: "Child", id: childId }] });
  expect(r.errors).toBeUndefined();
  return r.data?._entities[0]?.family as Family;
}
async function treeOf(childId: string): Promise<Tree> {
  const r = await t.gql<{ _entities: { familyTree: Tree }[] }>(TREE, { reps: [{ __typename: "Child", id: childId }] });
  expect(r.errors).toBeUndefined();
  return r.data?._entities[0]?.familyTree as Tree;
}
async function add(input: Record<string, unknown>): Promise<Member> {
  const r = await t.gql<{ addFamilyMember: Member }>(ADD, { input: { hasParentalResponsibility: false, ...input } });
  expect(r.errors).toBeUndefined();
  return r.data?.addFamilyMember as Member;
}
const mother = (childId: string) => add({ childId, name: "Jo Example", relationship: "MOTHER", hasParentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER" });
const weekly = { kind: "FACE_TO_FACE", frequency: { times: 1, period: "WEEK" }, supervision: "SUPERVISED", venue: "Family centre", basis: "COURT_ORDERED", startDate: "2026-11-02" };
async function arrange(childId: string, familyMemberId: string, o: Record<string, unknown> = {}) {
  const r = await t.gql<{ recordContactArrangement: { id: string } }>(ARRANGE, { input: { childId, familyMemberId, ...weekly, ...o } });
  expect(r.errors).toBeUndefined();
  return r.data?.recordContactArrangement.id as string;
}

let listener: Awaited<ReturnType<typeof t.listen>>;
beforeAll(async () => {
  listener = await t.listen();
});
afterAll(() => listener?.stop());
beforeEach(() => setClock("2026-12-01T10:00:00Z"));
afterEach(() => setClock(null));

/** What the domain published about a child, once `n` events of `type` have arrived. */
const published = (childId: string, type: string, n = 1) =>
  eventually(async () => {
    const es = listener.of(childId).filter((e) => e.type === type);
    return es.length >= n ? es : undefined;
  });

describe("family members", () => {
  it("addFamilyMember records the member and who holds parental responsibility; Child.family shows them", async () => {
    const id = await t.child();
    const m = await mother(id);
    expect(m).toMatchObject({ name: "Jo Example", relationship: "MOTHER", hasParentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER" });
    const f = await familyOf(id);
    expect(f.members).toEqual([{ ...m, parentalResponsibilityHistory: [{ hasParentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER", effectiveOn: null }], linkedChild: null }]);
    const [entry] = await published(id, "ChronologyEntryRecorded");
    expect(entry?.payload).toEqual({
      entryId: `family-member:${m.id}:added`,
      kind: "FamilyMemberAdded",
      on: "2026-12-01",
      summary: "Mother added to the family record; holds parental responsibility (birth mother)",
    });
    const [added] = await published(id, "FamilyMemberAdded");
    expect(JSON.stringify(added)).not.toContain("Jo Example");
  });

  it.each([
    [{ relationship: "FATHER", hasParentalResponsibility: true }, "input.parentalResponsibilityBasis", "PR_BASIS_REQUIRED"],
    [{ relationship: "FATHER", hasParentalResponsibility: false, parentalResponsibilityBasis: "MARRIED_FATHER" }, "input.parentalResponsibilityBasis", "PR_BASIS_WITHOUT_PR"],
    [{ relationship: "FATHER", hasParentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER" }, "input.parentalResponsibilityBasis", "PR_BASIS_NOT_FOR_RELATIONSHIP"],
    [{ relationship: "GRANDPARENT", hasParentalResponsibility: true, parentalResponsibilityBasis: "CARE_ORDER_LOCAL_AUTHORITY" }, "input.parentalResponsibilityBasis", "LOCAL_AUTHORITY_PR_NOT_A_FAMILY_MEMBER"],
    [{ relationship: "FATHER", name: "  " }, "input.name", "REQUIRED"],
    [{ relationship: "SIBLING", linkedChildId: randomUUID() }, "input.linkedChildId", "UNKNOWN_CHILD"],
    [{ relationship: "SIBLING", linkedChildId: "not-a-uuid" }, "input.linkedChildId", "UNKNOWN_CHILD"],
    [{ relationship: "FATHER", hasParentalResponsibility: true, parentalResponsibilityBasis: "PARENTAL_RESPONSIBILITY_ORDER", parentalResponsibilityFrom: "2016-03-02" }, "input.parentalResponsibilityFrom", "NOT_BEFORE_BIRTH"],
  ])("refuses bad input naming the field and the rule, and writes nothing (%#)", async (bad, field, rule) => {
    const id = await t.child();
    const r = await t.gql(ADD, { input: { childId: id, name: "Sam Example", hasParentalResponsibility: false, ...bad } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    expect(r.errors?.[0]?.message).toMatch(new RegExp(`^${field.replace(/\./g, "\\.")}: `));
    expect((await familyOf(id)).members).toEqual([]);
  });

  it("a linked sibling must be a child of the same local authority", async () => {
    const id = await t.child();
    const elsewhere = await t.child({ tenant: "E08000003" });
    const r = await t.gql(ADD, { input: { childId: id, name: "Amy Example", relationship: "SIBLING", hasParentalResponsibility: false, linkedChildId: elsewhere } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.linkedChildId", rule: "UNKNOWN_CHILD" });
  });

  it("a sibling who is a child in CareGraph too links to their Child, in the family and the tree", async () => {
    const id = await t.child();
    const sister = await t.child({ dateOfBirth: "2014-07-01" });
    const m = await add({ childId: id, name: "Amy Example", relationship: "HALF_SIBLING", linkedChildId: sister.toUpperCase() });
    expect((await familyOf(id)).members[0]?.linkedChild).toEqual({ id: sister });
    const tree = await treeOf(id);
    expect(tree.nodes).toContainEqual(expect.objectContaining({ id: m.id, kind: "LINKED_CHILD", label: "Amy Example", child: { id: sister } }));
  });

  it("two submissions of a mother at once: the check runs inside the lock, one is recorded", async () => {
    const id = await t.child();
    const input = { childId: id, name: "Jo Example", relationship: "MOTHER", hasParentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER" };
    const [a, b] = await Promise.all([t.gql(ADD, { input }), t.gql(ADD, { input })]);
    expect([a.errors?.[0]?.extensions?.rule, b.errors?.[0]?.extensions?.rule].sort()).toEqual(["ONE_MOTHER", undefined]);
    expect((await familyOf(id)).members).toHaveLength(1);
  });

  it("changeParentalResponsibility: a father acquires PR by order, then it ends; the history and chronology follow", async () => {
    const id = await t.child();
    const dad = await add({ childId: id, name: "Sam Example", relationship: "FATHER" });
    const CHANGE = `mutation($input: ChangeParentalResponsibilityInput!) { changeParentalResponsibility(input: $input) { hasParentalResponsibility parentalResponsibilityBasis parentalResponsibilityHistory { hasParentalResponsibility parentalResponsibilityBasis effectiveOn } } }`;
    const order = { familyMemberId: dad.id, hasParentalResponsibility: true, parentalResponsibilityBasis: "PARENTAL_RESPONSIBILITY_ORDER", effectiveOn: "2026-11-20" };
    const got = await t.gql<{ changeParentalResponsibility: { parentalResponsibilityHistory: unknown[] } }>(CHANGE, { input: order });
    expect(got.errors).toBeUndefined();
    expect(got.data?.changeParentalResponsibility).toMatchObject({ hasParentalResponsibility: true, parentalResponsibilityBasis: "PARENTAL_RESPONSIBILITY_ORDER" });
    const again = await t.gql(CHANGE, { input: order });
    expect(again.errors?.[0]?.extensions).toMatchObject({ field: "input.hasParentalResponsibility", rule: "NO_CHANGE" });
    const wrong = await t.gql(CHANGE, { input: { ...order, parentalResponsibilityBasis: "SPECIAL_GUARDIANSHIP_ORDER" } });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ field: "input.parentalResponsibilityBasis", rule: "PR_BASIS_NOT_FOR_RELATIONSHIP" });
    const ended = await t.gql<{ changeParentalResponsibility: { parentalResponsibilityHistory: unknown[] } }>(CHANGE, {
      input: { familyMemberId: dad.id, hasParentalResponsibility: false, effectiveOn: "2026-11-30" },
    });
    expect(ended.data?.changeParentalResponsibility.parentalResponsibilityHistory).toEqual([
      { hasParentalResponsibility: false, parentalResponsibilityBasis: null, effectiveOn: null },
      { hasParentalResponsibility: true, parentalResponsibilityBasis: "PARENTAL_RESPONSIBILITY_ORDER", effectiveOn: "2026-11-20" },
      { hasParentalResponsibility: false, parentalResponsibilityBasis: null, effectiveOn: "2026-11-30" },
    ]);
    const entries = await published(id, "ChronologyEntryRecorded", 3);
    expect(entries.map((e) => [e.payload.kind, e.payload.on, e.payload.summary])).toEqual([
      ["FamilyMemberAdded", "2026-12-01", "Father added to the family record; does not hold parental responsibility"],
      ["ParentalResponsibilityChanged", "2026-11-20", "Father acquired parental responsibility (parental responsibility order)"],
      ["ParentalResponsibilityChanged", "2026-11-30", "Father's parental responsibility ended (had been: parental responsibility order)"],
    ]);
    const unknown = await t.gql(CHANGE, { input: { ...order, familyMemberId: randomUUID() } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.familyMemberId" });
  });
});

describe("the local authority's parental responsibility and the family tree", () => {
  it("a care order (C1 then C2) puts the local authority in the tree from the interim order; leaving care takes it out", async () => {
    const id = await t.child({ since: "2026-03-02", legalStatus: "C1" });
    const changed = t.event("children", "LegalStatusChanged", id, { code: "C2", startDate: "2026-09-01", previousCode: "C1" });
    await t.send("children", changed);
    await t.processed(changed.id);
    await mother(id);
    expect((await familyOf(id)).localAuthority).toEqual({ basis: "CARE_ORDER_LOCAL_AUTHORITY", legalStatus: "C2", since: "2026-03-02" });
    const tree = await treeOf(id);
    expect(tree.nodes.map((n) => n.kind)).toEqual(["CHILD", "LOCAL_AUTHORITY", "FAMILY_MEMBER"]);
    expect(tree.nodes[0]).toMatchObject({ id, kind: "CHILD", child: { id } });
    expect(tree.edges).toEqual([
      { from: "local-authority:E09000027", to: id, relationship: "LOCAL_AUTHORITY", parentalResponsibility: true },
      { from: tree.nodes[2]?.id, to: id, relationship: "MOTHER", parentalResponsibility: true },
    ]);
    const ceased = t.event("children", "ChildCeasedLookedAfter", id, { endDate: "2026-11-30", reason: "E13" });
    await t.send("children", ceased);
    await t.processed(ceased.id);
    expect((await familyOf(id)).localAuthority).toBeNull();
    expect((await treeOf(id)).nodes.map((n) => n.kind)).toEqual(["CHILD", "FAMILY_MEMBER"]);
  });

  it("accommodation under s.20 (V2) gives the local authority no parental responsibility", async () => {
    const id = await t.child({ legalStatus: "V2" });
    expect((await familyOf(id)).localAuthority).toBeNull();
    expect((await treeOf(id)).nodes).toEqual([{ id, label: "This child", kind: "CHILD", relationship: null, hasParentalResponsibility: false, parentalResponsibilityBasis: null, child: { id } }]);
  });
});

describe("contact", () => {
  it("records an arrangement and sessions; a cancellation and a missed session go to the chronology, the supervisor's note never does", async () => {
    const id = await t.child();
    const mum = await mother(id);
    const arrangementId = await arrange(id, mum.id);
    const NOTE = "Supervisor note: warm greeting, played cards.";
    const sessions = [
      { sessionOn: "2026-11-02", outcome: "TOOK_PLACE", supervisorNote: NOTE },
      { sessionOn: "2026-11-09", outcome: "CANCELLED", cancelledBy: "FAMILY_MEMBER" },
      { sessionOn: "2026-11-16", outcome: "DID_NOT_ATTEND", notAttendedBy: "FAMILY_MEMBER", supervisorNote: NOTE },
      // A cancellation may be recorded ahead of the day.
      { sessionOn: "2026-12-07", outcome: "CANCELLED", cancelledBy: "CARER" },
    ];
    for (const s of sessions) expect((await t.gql(SESSION, { input: { arrangementId, ...s } })).errors).toBeUndefined();
    const f = await familyOf(id);
    expect(f.contactArrangements[0]?.frequency.description).toBe("Once a week");
    expect(f.contactArrangements[0]?.sessions.map((s) => s.outcome)).toEqual(["CANCELLED", "DID_NOT_ATTEND", "CANCELLED", "TOOK_PLACE"]);
    const entries = await published(id, "ChronologyEntryRecorded", 5);
    expect(entries.map((e) => e.payload.summary)).toEqual([
      "Mother added to the family record; holds parental responsibility (birth mother)",
      "Contact arrangement with the mother from 2 Nov 2026: face-to-face, once a week, supervised, court-ordered",
      "Contact with the mother on 9 Nov 2026 cancelled by the family member",
      "Contact with the mother on 16 Nov 2026: the family member did not attend",
      "Contact with the mother on 7 Dec 2026 cancelled by the carer",
    ]);
    await published(id, "ContactSessionRecorded", 4);
    const everything = JSON.stringify(listener.of(id));
    expect(everything).not.toContain("warm greeting");
    expect(everything).not.toContain("Family centre");
    expect(everything).not.toContain("Jo Example");
  });

  it.each([
    [{ sessionOn: "2026-11-01", outcome: "TOOK_PLACE" }, "input.sessionOn", "SESSION_BEFORE_ARRANGEMENT_START"],
    [{ sessionOn: "2026-12-02", outcome: "TOOK_PLACE" }, "input.sessionOn", "NOT_IN_FUTURE"],
    [{ sessionOn: "2026-11-09", outcome: "CANCELLED" }, "input.cancelledBy", "REQUIRED_WHEN_CANCELLED"],
    [{ sessionOn: "2026-11-09", outcome: "DID_NOT_ATTEND" }, "input.notAttendedBy", "REQUIRED_WHEN_NOT_ATTENDED"],
  ])("refuses a bad session naming the field and the rule, and writes nothing (%#)", async (bad, field, rule) => {
    const id = await t.child();
    const arrangementId = await arrange(id, (await mother(id)).id);
    const r = await t.gql(SESSION, { input: { arrangementId, ...bad } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field, rule });
    expect((await familyOf(id)).contactArrangements[0]?.sessions).toEqual([]);
  });

  it("refuses an arrangement with someone outside the child's family, or less than once a period, and writes nothing", async () => {
    const id = await t.child();
    const other = await t.child();
    const stranger = await mother(other);
    const mum = await mother(id);
    const outside = await t.gql(ARRANGE, { input: { childId: id, familyMemberId: stranger.id, ...weekly } });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.familyMemberId", rule: "NOT_IN_FAMILY" });
    const never = await t.gql(ARRANGE, { input: { childId: id, familyMemberId: mum.id, ...weekly, frequency: { times: 0, period: "MONTH" } } });
    expect(never.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.frequency.times", rule: "AT_LEAST_ONCE" });
    const early = await t.gql(ARRANGE, { input: { childId: id, familyMemberId: mum.id, ...weekly, startDate: "2016-03-02" } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ field: "input.startDate", rule: "NOT_BEFORE_BIRTH" });
    expect((await familyOf(id)).contactArrangements).toEqual([]);
  });

  it("changes and ends an arrangement; after the end no session is recorded and it cannot end twice", async () => {
    const id = await t.child();
    const arrangementId = await arrange(id, (await mother(id)).id);
    const CHANGE = `mutation($input: ChangeContactArrangementInput!) { changeContactArrangement(input: $input) { supervision frequency { description } } }`;
    const changed = await t.gql(CHANGE, { input: { arrangementId, changedOn: "2026-11-23", supervision: "SUPPORTED", frequency: { times: 1, period: "FORTNIGHT" } } });
    expect(changed.data).toEqual({ changeContactArrangement: { supervision: "SUPPORTED", frequency: { description: "Once a fortnight" } } });
    const same = await t.gql(CHANGE, { input: { arrangementId, changedOn: "2026-11-24", supervision: "SUPPORTED" } });
    expect(same.errors?.[0]?.extensions).toMatchObject({ field: "input", rule: "NO_CHANGE" });
    const ended = await t.gql<{ endContactArrangement: { endDate: string } }>(END, { input: { arrangementId, endedOn: "2026-11-30", reason: "Mother moved abroad." } });
    expect(ended.data?.endContactArrangement).toMatchObject({ endDate: "2026-11-30", nextReviewDueDate: null });
    const twice = await t.gql(END, { input: { arrangementId, endedOn: "2026-11-30" } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ field: "input.arrangementId", rule: "ALREADY_ENDED" });
    const late = await t.gql(SESSION, { input: { arrangementId, sessionOn: "2026-12-01", outcome: "TOOK_PLACE" } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ field: "input.sessionOn", rule: "SESSION_AFTER_ARRANGEMENT_END" });
    const entries = await published(id, "ChronologyEntryRecorded", 4);
    expect(entries.slice(2).map((e) => [e.payload.kind, e.payload.on, e.payload.summary])).toEqual([
      ["ContactArrangementChanged", "2026-11-23", "Contact arrangement with the mother changed: now face-to-face, once a fortnight, supported, court-ordered"],
      ["ContactArrangementEnded", "2026-11-30", "Contact arrangement with the mother ended (face-to-face, in place since 2 Nov 2026)"],
    ]);
    expect(JSON.stringify(listener.of(id))).not.toContain("moved abroad");
    expect((await familyOf(id)).contactArrangements[0]).toMatchObject({ endDate: "2026-11-30", endReason: "Mother moved abroad." });
  });
});

describe("life-story work", () => {
  it("records an item; its note stays out of the events", async () => {
    const id = await t.child();
    const LIFE = `mutation($input: RecordLifeStoryWorkItemInput!) { recordLifeStoryWorkItem(input: $input) { id kind title completedOn note } }`;
    const r = await t.gql(LIFE, { input: { childId: id, kind: "LIFE_STORY_BOOK", title: "Chapter 1: where I was born", completedOn: "2026-11-27", note: "Child chose the photos." } });
    expect(r.errors).toBeUndefined();
    expect((await familyOf(id)).lifeStoryWork).toMatchObject([{ kind: "LIFE_STORY_BOOK", title: "Chapter 1: where I was born", completedOn: "2026-11-27", note: "Child chose the photos." }]);
    const [e] = await published(id, "LifeStoryWorkItemRecorded");
    expect(e?.payload).toMatchObject({ kind: "LIFE_STORY_BOOK", completedOn: "2026-11-27" });
    expect(JSON.stringify(e)).not.toContain("photos");
    const blank = await t.gql(LIFE, { input: { childId: id, kind: "MEMORY_BOX", title: "", completedOn: "2026-11-27" } });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title", rule: "REQUIRED" });
  });
});

it("a child this service does not know is NOT_FOUND, naming input.childId", async () => {
  const r = await t.gql(ADD, { input: { childId: randomUUID(), name: "Jo", relationship: "MOTHER", hasParentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER" } });
  expect(r.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.childId" });
});
