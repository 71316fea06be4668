import { envelope, eventsTopic } from "@caregraph/platform";
import { setClock } from "@caregraph/platform/clock";
import { chronologyEvents, eventually, publish, serviceUnderTest, testKafka } from "@caregraph/platform/testing";
import { randomUUID } from "node:crypto";
import { education } from "../src/service";

/** What the education domain tells the child's chronology, in the transaction of each change (read from the outbox). */
const env = serviceUnderTest(education);
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

async function lookedAfterChild(since: string) {
  const id = randomUUID();
  const at = { tenant: "E09000027", source: "children", actor: "test" };
  const last = envelope({ type: "ChildBecameLookedAfter", childId: id, payload: { date: since, legalStatus: "C2" } }, at);
  await publish(testKafka(env.broker.bootstrapServers), eventsTopic("children"), [
    envelope({ type: "ChildRegistered", childId: id, payload: { dateOfBirth: "2014-03-03", lookedAfterSince: since } }, at),
    last,
  ]);
  await eventually(async () => (await env.svc.service.deps.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM education.processed_event WHERE event_id = $1::uuid", last.id)).length === 1);
  return id;
}
async function run(op: string, type: string, input: Record<string, unknown>): Promise<{ id: string }> {
  const r = await env.svc.query<Record<string, { id: string }>>(env.token, `mutation($input: ${type}!) { ${op}(input: $input) { id } }`, { input });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data[op]!;
}
const told = (childId: string) => chronologyEvents(env.svc.service.deps.db, "education", childId);
const brief = async (childId: string) => (await told(childId)).map((e) => [e.kind, e.on, e.summary]);

it("the first PEP, a school and a school move: kinds and dates, never the school's name, URN or designated teacher", async () => {
  const id = await lookedAfterChild("2026-09-01");
  const pep = await run("recordPersonalEducationPlan", "RecordPersonalEducationPlanInput", { childId: id, completedOn: "2026-09-25" });
  const first = await run("recordSchool", "RecordSchoolInput", { childId: id, schoolName: "Riverside Primary", urn: "100001", startDate: "2026-09-03", designatedTeacher: "Ms A Teacher" });
  const second = await run("recordSchool", "RecordSchoolInput", { childId: id, schoolName: "Hilltop Academy", urn: "100002", startDate: "2026-11-16" });
  expect((await told(id)).map((e) => e.entryId)).toEqual([`personal-education-plan:${pep.id}`, `school-enrolment:${first.id}`, `school-enrolment:${second.id}`]);
  expect(await brief(id)).toEqual([
    ["PersonalEducationPlan", "2026-09-25", "First personal education plan completed"],
    ["SchoolStarted", "2026-09-03", "Started at school"],
    ["SchoolMove", "2026-11-16", "Moved school: started at a new school"],
  ]);
  expect(JSON.stringify(await told(id))).not.toMatch(/Riverside|Hilltop|10000|Teacher/);
});

it("suspensions, a permanent exclusion and SEN provision", async () => {
  const id = await lookedAfterChild("2026-09-01");
  await run("recordSpecialEducationalNeeds", "RecordSpecialEducationalNeedsInput", { childId: id, provision: "SEN_SUPPORT", startDate: "2025-01-10", endDate: "2026-06-30" });
  await run("recordSpecialEducationalNeeds", "RecordSpecialEducationalNeedsInput", { childId: id, provision: "EHC_PLAN", startDate: "2026-07-01" });
  await run("recordExclusion", "RecordExclusionInput", { childId: id, kind: "SUSPENSION", startDate: "2026-10-05", days: 1 });
  await run("recordExclusion", "RecordExclusionInput", { childId: id, kind: "SUSPENSION", startDate: "2026-10-12", days: 3 });
  await run("recordExclusion", "RecordExclusionInput", { childId: id, kind: "PERMANENT", startDate: "2026-11-20" });
  // Pupil Premium Plus is money, not care history: no entry.
  await run("recordPupilPremiumPlus", "RecordPupilPremiumPlusInput", { childId: id, term: "AUTUMN 2026", amountPence: 60000, purpose: "one-to-one maths tuition" });
  expect(await brief(id)).toEqual([
    ["SenSupport", "2025-01-10", "SEN support began (until 30 Jun 2026)"],
    ["EducationHealthAndCarePlan", "2026-07-01", "Education, health and care plan began"],
    ["Suspension", "2026-10-05", "Suspended from school for 1 day"],
    ["Suspension", "2026-10-12", "Suspended from school for 3 days"],
    ["PermanentExclusion", "2026-11-20", "Permanently excluded from school"],
  ]);
});
