import { setClock } from "@caregraph/platform/clock";
import { randomUUID } from "node:crypto";
import { ASSESS, DETAILS, harness } from "./support";

const h = harness();
beforeAll(() => setClock("2026-12-01T10:00:00Z"));
afterAll(() => setClock(null));

const INFORMED = `mutation($input: RecordChildInformedOfAgeAssessmentInput!) { recordChildInformedOfAgeAssessment(input: $input) { childInformedOn mertonOutstanding } }`;
const LODGED = `mutation($input: RecordAppealLodgedInput!) { recordAppealLodged(input: $input) { id tier lodgedOn outcome } }`;
const DECIDED = `mutation($input: RecordAppealOutcomeInput!) { recordAppealOutcome(input: $input) { id heardOn outcome decidedOn } }`;
const NTS = `mutation($input: RecordNationalTransferSchemeInput!) { recordNationalTransferScheme(input: $input) { nationalTransferScheme { referredOn transferredOn receivingAuthority } } }`;
const REFERRED = `mutation($input: RecordFamilyTracingReferralInput!) { recordFamilyTracingReferral(input: $input) { id referredOn tracedBy outcome } }`;
const TRACED = `mutation($input: RecordFamilyTracingOutcomeInput!) { recordFamilyTracingOutcome(input: $input) { id outcome outcomeOn } }`;
const CEASED = `mutation($input: RecordCeasedToBeUascInput!) { recordCeasedToBeUasc(input: $input) { ceasedToBeUascOn ceasedReason } }`;

type Assessment = { id: string; mertonOutstanding: string[]; assessors: string[]; interpreterPresent: boolean | null };

describe("age assessments", () => {
  it("a disputed assessment with an interpreter: published with its outcome and date, never the assessors' names", async () => {
    const id = await h.child("2010-04-20");
    const l = await h.listen();
    try {
      const a = await h.mutate<Assessment>(ASSESS, {
        childId: id,
        assessedOn: "2026-11-20",
        outcome: "DISPUTED_OLDER",
        assessors: ["Sam Okafor", "Priya Shah", "sam okafor"],
        interpreterLanguage: "Tigrinya",
        interpreterPresent: true,
        appropriateAdultPresent: true,
        assessedDateOfBirth: "2007-01-01",
      });
      expect(a.error).toBeUndefined();
      expect(a.data).toMatchObject({ assessors: ["Sam Okafor", "Priya Shah"], interpreterPresent: true, mertonOutstanding: ["the child has not yet been told the outcome"] });
      const events = await h.eventsFor(l, id, 2);
      expect(events.find((e) => e.type === "AgeAssessmentRecorded")?.payload).toEqual({
        assessmentId: a.data!.id,
        assessedOn: "2026-11-20",
        outcome: "DISPUTED_OLDER",
        assessedDateOfBirth: "2007-01-01",
        assessorCount: 2,
        interpreterPresent: true,
        childInformedOn: null,
      });
      expect(events.find((e) => e.type === "ChronologyEntryRecorded")?.payload).toEqual({
        entryId: `age-assessment:${a.data!.id}`,
        kind: "AgeAssessment",
        on: "2026-11-20",
        summary: "Age assessment: assessed as older than stated",
      });
      await h.eventsFor(l, id, 1, "AuditRecorded");
      expect(l.messages.filter((m) => m.key === id).map((m) => m.value).join("\n")).not.toMatch(/Okafor|Shah/i);
      const [audit] = await h.db().$queryRawUnsafe<{ details: unknown }[]>(`SELECT details FROM uasc.audit_entry WHERE child_id = $1 AND kind = 'change'`, id);
      expect(JSON.stringify(audit!.details)).not.toMatch(/Okafor|Shah/i);
    } finally {
      await l.stop();
    }
  });

  it("the child told the outcome later: recorded once, on or after the assessment", async () => {
    const id = await h.child();
    const a = await h.mutate<Assessment>(ASSESS, { childId: id, assessedOn: "2026-11-20", outcome: "ACCEPTED", assessors: ["Sam Okafor", "Priya Shah"] });
    const early = await h.mutate(INFORMED, { assessmentId: a.data!.id, informedOn: "2026-11-19" });
    expect(early.error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.informedOn", rule: "NOT_BEFORE_ASSESSMENT" });
    const told = await h.mutate(INFORMED, { assessmentId: a.data!.id, informedOn: "2026-11-23" });
    expect(told.data).toEqual({ childInformedOn: "2026-11-23", mertonOutstanding: [] });
    const again = await h.mutate(INFORMED, { assessmentId: a.data!.id, informedOn: "2026-11-24" });
    expect(again.error?.extensions).toMatchObject({ field: "input.assessmentId", rule: "ALREADY_INFORMED" });
    const unknown = await h.mutate(INFORMED, { assessmentId: randomUUID(), informedOn: "2026-11-24" });
    expect(unknown.error?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.assessmentId" });
  });
});

describe("appeals", () => {
  it("lodged, then decided once; both in the chronology", async () => {
    const id = await h.child();
    const l = await h.listen();
    try {
      const lodged = await h.mutate<{ id: string; tier: string }>(LODGED, { childId: id, lodgedOn: "2026-06-10" });
      expect(lodged.data).toMatchObject({ tier: "FIRST_TIER_TRIBUNAL", lodgedOn: "2026-06-10", outcome: null });
      const backwards = await h.mutate(DECIDED, { appealId: lodged.data!.id, heardOn: "2026-06-09", outcome: "ALLOWED", decidedOn: "2026-10-01" });
      expect(backwards.error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.heardOn", rule: "NOT_BEFORE_LODGED" });
      const decided = await h.mutate(DECIDED, { appealId: lodged.data!.id, heardOn: "2026-09-14", outcome: "ALLOWED", decidedOn: "2026-10-01" });
      expect(decided.data).toMatchObject({ heardOn: "2026-09-14", outcome: "ALLOWED", decidedOn: "2026-10-01" });
      const twice = await h.mutate(DECIDED, { appealId: lodged.data!.id, outcome: "DISMISSED", decidedOn: "2026-10-02" });
      expect(twice.error?.extensions).toMatchObject({ field: "input.appealId", rule: "ALREADY_DECIDED" });
      const entries = (await h.eventsFor(l, id, 2, "ChronologyEntryRecorded")).map((e) => e.payload);
      expect(entries).toEqual([
        { entryId: `appeal:${lodged.data!.id}:lodged`, kind: "AppealLodged", on: "2026-06-10", summary: "Immigration appeal lodged (First-tier Tribunal)" },
        { entryId: `appeal:${lodged.data!.id}:decided`, kind: "AppealDecided", on: "2026-10-01", summary: "Immigration appeal allowed (First-tier Tribunal)" },
      ]);
      expect(await h.uascOf(id, "appeals { outcome }")).toEqual({ appeals: [{ outcome: "ALLOWED" }] });
    } finally {
      await l.stop();
    }
  });
});

describe("National Transfer Scheme", () => {
  it("a referral, then the transfer with the receiving authority (in the chronology); a transfer to this authority is refused", async () => {
    const id = await h.child();
    const l = await h.listen();
    try {
      expect((await h.mutate(NTS, { childId: id, referredOn: "2026-09-02" })).data).toEqual({
        nationalTransferScheme: { referredOn: "2026-09-02", transferredOn: null, receivingAuthority: null },
      });
      const self = await h.mutate(NTS, { childId: id, referredOn: "2026-09-02", transferredOn: "2026-09-16", receivingAuthority: "E09000027" });
      expect(self.error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.receivingAuthority", rule: "ANOTHER_AUTHORITY" });
      const moved = await h.mutate(NTS, { childId: id, referredOn: "2026-09-02", transferredOn: "2026-09-16", receivingAuthority: "e08000025" });
      expect(moved.data).toEqual({ nationalTransferScheme: { referredOn: "2026-09-02", transferredOn: "2026-09-16", receivingAuthority: "E08000025" } });
      const [entry] = await h.eventsFor(l, id, 1, "ChronologyEntryRecorded");
      expect(entry!.payload).toEqual({
        entryId: `national-transfer-scheme:${id}:transferred`,
        kind: "NationalTransferSchemeTransfer",
        on: "2026-09-16",
        summary: "Transferred under the National Transfer Scheme to local authority E08000025",
      });
      // Taken back as entered in error: the chronology entry is withdrawn.
      await h.mutate(NTS, { childId: id, referredOn: "2026-09-02" });
      const [withdrawn] = await h.eventsFor(l, id, 1, "ChronologyEntryWithdrawn");
      expect(withdrawn!.payload).toMatchObject({ entryId: `national-transfer-scheme:${id}:transferred` });
    } finally {
      await l.stop();
    }
  });
});

describe("family tracing", () => {
  it("a referral to the British Red Cross and what came of it (once)", async () => {
    const id = await h.child();
    const r = await h.mutate<{ id: string }>(REFERRED, { childId: id, referredOn: "2026-09-20", tracedBy: "BRITISH_RED_CROSS" });
    expect(r.data).toMatchObject({ referredOn: "2026-09-20", tracedBy: "BRITISH_RED_CROSS", outcome: null });
    const early = await h.mutate(TRACED, { referralId: r.data!.id, outcome: "FAMILY_FOUND", outcomeOn: "2026-09-19" });
    expect(early.error?.extensions).toMatchObject({ field: "input.outcomeOn", rule: "NOT_BEFORE_REFERRAL" });
    expect((await h.mutate(TRACED, { referralId: r.data!.id, outcome: "FAMILY_FOUND", outcomeOn: "2026-11-02" })).data).toMatchObject({ outcome: "FAMILY_FOUND" });
    const again = await h.mutate(TRACED, { referralId: r.data!.id, outcome: "CLOSED", outcomeOn: "2026-11-03" });
    expect(again.error?.extensions).toMatchObject({ field: "input.referralId", rule: "ALREADY_CONCLUDED" });
    expect(await h.uascOf(id, "familyTracing { tracedBy outcome outcomeOn }")).toEqual({ familyTracing: [{ tracedBy: "BRITISH_RED_CROSS", outcome: "FAMILY_FOUND", outcomeOn: "2026-11-02" }] });
  });
});

describe("ceasing to be UASC (DfE SSDA903 UASC table, DUC)", () => {
  it("on the 18th birthday; recorded again, it is a correction that replaces the chronology entry", async () => {
    const id = await h.child("2008-11-15"); // 18 on 15 Nov 2026
    const l = await h.listen();
    try {
      const after = await h.mutate(CEASED, { childId: id, ceasedOn: "2026-11-16", reason: "OTHER" });
      expect(after.error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.ceasedOn", rule: "NOT_AFTER_18TH_BIRTHDAY" });
      expect((await h.mutate(CEASED, { childId: id, ceasedOn: "2026-11-15", reason: "REACHED_18" })).data).toEqual({ ceasedToBeUascOn: "2026-11-15", ceasedReason: "REACHED_18" });
      await h.mutate(CEASED, { childId: id, ceasedOn: "2026-10-01", reason: "REUNITED_WITH_FAMILY" });
      const ceased = await h.eventsFor(l, id, 2, "UascCeased");
      expect(ceased.map((e) => e.payload)).toEqual([
        { ceasedOn: "2026-11-15", reason: "REACHED_18", corrected: false },
        { ceasedOn: "2026-10-01", reason: "REUNITED_WITH_FAMILY", corrected: true },
      ]);
      const entries = await h.eventsFor(l, id, 2, "ChronologyEntryRecorded");
      expect(new Set(entries.map((e) => (e.payload as { entryId: string }).entryId)).size).toBe(1);
      expect(entries[1]!.payload).toMatchObject({ on: "2026-10-01", summary: "Ceased to be an unaccompanied asylum-seeking child (reunited with family)" });
      expect(await h.uascOf(id, "ceasedToBeUascOn ceasedReason")).toEqual({ ceasedToBeUascOn: "2026-10-01", ceasedReason: "REUNITED_WITH_FAMILY" });
    } finally {
      await l.stop();
    }
  });
});

describe("case details", () => {
  it("Home Office reference, legal representative and interpreter language: left out stays, null clears; the audit says which changed, not to what", async () => {
    const id = await h.child();
    await h.mutate(DETAILS, { childId: id, homeOfficeReference: "K1234567", legalRepresentative: "A. Adviser, Example Law", interpreterLanguage: "Dari" });
    const cleared = await h.mutate(DETAILS, { childId: id, legalRepresentative: null });
    expect(cleared.data).toEqual({ homeOfficeReference: "K1234567", legalRepresentative: null, interpreterLanguage: "Dari" });
    const audits = await h.db().$queryRawUnsafe<{ details: unknown }[]>(`SELECT details FROM uasc.audit_entry WHERE child_id = $1 AND kind = 'change' ORDER BY seq`, id);
    expect(audits.map((a) => a.details)).toEqual([{ changed: ["homeOfficeReference", "interpreterLanguage", "legalRepresentative"] }, { changed: ["legalRepresentative"] }]);
  });
});
