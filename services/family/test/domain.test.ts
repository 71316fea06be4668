import { InvalidInputError } from "@caregraph/platform/graphql";
import { checkChange, checkEnd, checkSession, checkTerms, frequencyWords } from "../src/domain/contact";
import { CONTACT_REVIEW_AUTHORITY, contactReviewDue, contactReviewExplanation } from "../src/domain/contact-review";
import { checkName, checkNewFamilyMember, checkParentalResponsibilityChange } from "../src/domain/family-members";
import { familyTree } from "../src/domain/family-tree";
import { checkLifeStoryItem } from "../src/domain/life-story";
import { BASES_FOR, checkParentalResponsibility, localAuthorityBasis, PR_BASES } from "../src/domain/parental-responsibility";
import { RELATIONSHIPS } from "../src/domain/relationships";

/** The field and rule a bad input is refused with (or null when it passes). */
function refusal(fn: () => void): { field: string; rule: string } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    return { field: e.field, rule: e.rule };
  }
}

const CHILD = "0b6f7c9e-0000-4000-8000-000000000001";
const SIBLING = "0b6f7c9e-0000-4000-8000-000000000002";

describe("parental responsibility (CA 1989 s.2–4A, s.5, s.12, s.14C; ACA 2002 s.46)", () => {
  it("parental responsibility without a basis is refused on input.parentalResponsibilityBasis", () => {
    expect(refusal(() => checkParentalResponsibility("FATHER", { hasParentalResponsibility: true, parentalResponsibilityBasis: null }))).toEqual({
      field: "input.parentalResponsibilityBasis",
      rule: "PR_BASIS_REQUIRED",
    });
  });

  it("a basis without parental responsibility is refused", () => {
    expect(refusal(() => checkParentalResponsibility("FATHER", { hasParentalResponsibility: false, parentalResponsibilityBasis: "MARRIED_FATHER" }))).toEqual({
      field: "input.parentalResponsibilityBasis",
      rule: "PR_BASIS_WITHOUT_PR",
    });
  });

  it("no parental responsibility and no basis is fine for anyone", () => {
    for (const r of RELATIONSHIPS) expect(refusal(() => checkParentalResponsibility(r, { hasParentalResponsibility: false }))).toBeNull();
  });

  it.each([
    ["MOTHER", "BIRTH_MOTHER"],
    ["FATHER", "MARRIED_FATHER"],
    ["FATHER", "FATHER_ON_BIRTH_CERTIFICATE"],
    ["FATHER", "PARENTAL_RESPONSIBILITY_AGREEMENT"],
    ["FATHER", "PARENTAL_RESPONSIBILITY_ORDER"],
    ["SECOND_FEMALE_PARENT", "SECOND_FEMALE_PARENT_MARRIED_OR_CIVIL_PARTNER"],
    ["SECOND_FEMALE_PARENT", "SECOND_FEMALE_PARENT_ON_BIRTH_CERTIFICATE"],
    ["STEP_PARENT", "PARENTAL_RESPONSIBILITY_AGREEMENT"],
    ["STEP_PARENT", "SPECIAL_GUARDIANSHIP_ORDER"],
    ["ADOPTIVE_PARENT", "ADOPTION_ORDER"],
    ["GRANDPARENT", "SPECIAL_GUARDIANSHIP_ORDER"],
    ["AUNT_UNCLE", "CHILD_ARRANGEMENTS_ORDER_RESIDENCE"],
    ["FAMILY_FRIEND", "GUARDIAN_APPOINTED"],
  ] as const)("a %s may hold parental responsibility as %s", (relationship, basis) => {
    expect(refusal(() => checkParentalResponsibility(relationship, { hasParentalResponsibility: true, parentalResponsibilityBasis: basis }))).toBeNull();
  });

  it.each([
    ["FATHER", "BIRTH_MOTHER"],
    ["GRANDPARENT", "BIRTH_MOTHER"],
    ["MOTHER", "SPECIAL_GUARDIANSHIP_ORDER"],
    // s.14A(2)(b): a parent cannot be a special guardian
    ["FATHER", "SPECIAL_GUARDIANSHIP_ORDER"],
    ["GRANDPARENT", "MARRIED_FATHER"],
    ["GRANDPARENT", "PARENTAL_RESPONSIBILITY_ORDER"],
    ["SIBLING", "ADOPTION_ORDER"],
    ["FATHER", "SECOND_FEMALE_PARENT_ON_BIRTH_CERTIFICATE"],
    ["ADOPTIVE_PARENT", "FATHER_ON_BIRTH_CERTIFICATE"],
  ] as const)("a %s cannot hold parental responsibility as %s", (relationship, basis) => {
    expect(refusal(() => checkParentalResponsibility(relationship, { hasParentalResponsibility: true, parentalResponsibilityBasis: basis }))).toEqual({
      field: "input.parentalResponsibilityBasis",
      rule: "PR_BASIS_NOT_FOR_RELATIONSHIP",
    });
  });

  it("the local authority's parental responsibility (CA 1989 s.33(3)) is never a family member's", () => {
    for (const basis of ["CARE_ORDER_LOCAL_AUTHORITY", "PLACEMENT_ORDER_LOCAL_AUTHORITY", "EMERGENCY_PROTECTION_ORDER_LOCAL_AUTHORITY"] as const) {
      expect(refusal(() => checkParentalResponsibility("GRANDPARENT", { hasParentalResponsibility: true, parentalResponsibilityBasis: basis }))?.rule).toBe(
        "LOCAL_AUTHORITY_PR_NOT_A_FAMILY_MEMBER",
      );
    }
  });

  it("every relationship has a rule and every basis a family member may hold is open to someone", () => {
    expect(Object.keys(BASES_FOR).sort()).toEqual([...RELATIONSHIPS].sort());
    const open = new Set(Object.values(BASES_FOR).flat());
    expect(PR_BASES.filter((b) => !open.has(b))).toEqual(["CARE_ORDER_LOCAL_AUTHORITY", "PLACEMENT_ORDER_LOCAL_AUTHORITY", "EMERGENCY_PROTECTION_ORDER_LOCAL_AUTHORITY"]);
  });

  it.each([
    ["C1", "CARE_ORDER_LOCAL_AUTHORITY"],
    ["C2", "CARE_ORDER_LOCAL_AUTHORITY"],
    ["E1", "PLACEMENT_ORDER_LOCAL_AUTHORITY"],
    ["D1", "PLACEMENT_ORDER_LOCAL_AUTHORITY"],
    ["L2", "EMERGENCY_PROTECTION_ORDER_LOCAL_AUTHORITY"],
    ["V2", null],
    ["V4", null],
    ["L1", null],
    ["J1", null],
    [null, null],
  ])("legal status %s gives the local authority parental responsibility: %s", (code, basis) => {
    expect(localAuthorityBasis(code)).toBe(basis);
  });
});

describe("family members", () => {
  const base = { childId: CHILD, name: "Sam Example", relationship: "FATHER" as const, hasParentalResponsibility: false };

  it("a name is required and trimmed", () => {
    expect(refusal(() => checkName("   "))).toEqual({ field: "input.name", rule: "REQUIRED" });
    expect(refusal(() => checkName(""))).toEqual({ field: "input.name", rule: "REQUIRED" });
    expect(checkName("  Sam Example ")).toBe("Sam Example");
    expect(refusal(() => checkName("x".repeat(101)))?.rule).toBe("MAX_LENGTH");
  });

  it("a linked child is a sibling, not the child itself, and linked once", () => {
    const sibling = { ...base, relationship: "HALF_SIBLING" as const, linkedChildId: SIBLING };
    expect(refusal(() => checkNewFamilyMember(sibling, []))).toBeNull();
    expect(refusal(() => checkNewFamilyMember({ ...sibling, linkedChildId: CHILD.toUpperCase() }, []))).toEqual({ field: "input.linkedChildId", rule: "NOT_THE_CHILD_ITSELF" });
    expect(refusal(() => checkNewFamilyMember({ ...sibling, relationship: "COUSIN" }, []))).toEqual({ field: "input.linkedChildId", rule: "LINKED_CHILD_SIBLINGS_ONLY" });
    expect(refusal(() => checkNewFamilyMember(sibling, [{ relationship: "SIBLING", linkedChildId: SIBLING }]))).toEqual({ field: "input.linkedChildId", rule: "ALREADY_LINKED" });
  });

  it("a child has one mother; more than one possible father may be recorded", () => {
    const mother = { ...base, relationship: "MOTHER" as const, hasParentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER" as const };
    expect(refusal(() => checkNewFamilyMember(mother, [{ relationship: "MOTHER", linkedChildId: null }]))).toEqual({ field: "input.relationship", rule: "ONE_MOTHER" });
    expect(refusal(() => checkNewFamilyMember(base, [{ relationship: "FATHER", linkedChildId: null }]))).toBeNull();
  });

  it("a change of parental responsibility is a real change, dated from the birth to today", () => {
    const now = { hasParentalResponsibility: false, parentalResponsibilityBasis: null };
    const child = { dateOfBirth: "2020-02-29" };
    const order = { hasParentalResponsibility: true, parentalResponsibilityBasis: "PARENTAL_RESPONSIBILITY_ORDER" as const };
    expect(refusal(() => checkParentalResponsibilityChange("FATHER", now, { ...order, effectiveOn: "2020-02-29" }, child, "2026-12-01"))).toBeNull();
    expect(refusal(() => checkParentalResponsibilityChange("FATHER", now, { ...order, effectiveOn: "2020-02-28" }, child, "2026-12-01"))).toEqual({
      field: "input.effectiveOn",
      rule: "NOT_BEFORE_BIRTH",
    });
    expect(refusal(() => checkParentalResponsibilityChange("FATHER", now, { ...order, effectiveOn: "2026-12-01" }, child, "2026-12-01"))).toBeNull();
    expect(refusal(() => checkParentalResponsibilityChange("FATHER", now, { ...order, effectiveOn: "2026-12-02" }, child, "2026-12-01"))?.rule).toBe("NOT_IN_FUTURE");
    expect(refusal(() => checkParentalResponsibilityChange("FATHER", now, { hasParentalResponsibility: false, effectiveOn: "2026-11-01" }, child, "2026-12-01"))).toEqual({
      field: "input.hasParentalResponsibility",
      rule: "NO_CHANGE",
    });
    expect(refusal(() => checkParentalResponsibilityChange("FATHER", now, { hasParentalResponsibility: true, effectiveOn: "2026-11-01" }, child, "2026-12-01"))?.rule).toBe(
      "PR_BASIS_REQUIRED",
    );
  });
});

describe("contact arrangements and sessions", () => {
  it("says the frequency in words", () => {
    expect(frequencyWords(1, "FORTNIGHT")).toBe("Once a fortnight");
    expect(frequencyWords(2, "WEEK")).toBe("Twice a week");
    expect(frequencyWords(3, "YEAR")).toBe("3 times a year");
  });

  it("contact happens at least once a period and at most twice a day", () => {
    expect(refusal(() => checkTerms({ times: 0, period: "MONTH" }))).toEqual({ field: "input.frequency.times", rule: "AT_LEAST_ONCE" });
    expect(refusal(() => checkTerms({ times: 14, period: "WEEK" }))).toBeNull();
    expect(refusal(() => checkTerms({ times: 15, period: "WEEK" }))?.rule).toBe("AT_MOST_TWICE_A_DAY");
    expect(refusal(() => checkTerms({ times: 1, period: "WEEK", venue: "  " }))).toEqual({ field: "input.venue", rule: "NOT_BLANK" });
  });

  // An arrangement from Thursday 24 Dec 2026 to Monday 28 Dec 2026 (a bank holiday).
  const arrangement = { startDate: "2026-12-24", endDate: "2026-12-28", supervision: "SUPERVISED" as const };
  const took = { outcome: "TOOK_PLACE" as const };

  it("a session is within the arrangement's dates: the day before the start and the day after the end are refused", () => {
    expect(refusal(() => checkSession({ ...took, sessionOn: "2026-12-23" }, arrangement, "2027-01-10"))).toEqual({ field: "input.sessionOn", rule: "SESSION_BEFORE_ARRANGEMENT_START" });
    expect(refusal(() => checkSession({ ...took, sessionOn: "2026-12-24" }, arrangement, "2027-01-10"))).toBeNull();
    expect(refusal(() => checkSession({ ...took, sessionOn: "2026-12-28" }, arrangement, "2027-01-10"))).toBeNull();
    expect(refusal(() => checkSession({ ...took, sessionOn: "2026-12-29" }, arrangement, "2027-01-10"))).toEqual({ field: "input.sessionOn", rule: "SESSION_AFTER_ARRANGEMENT_END" });
  });

  it("only a cancellation may be recorded ahead of the day", () => {
    const running = { startDate: "2026-12-01", endDate: null, supervision: "SUPPORTED" as const };
    expect(refusal(() => checkSession({ ...took, sessionOn: "2026-12-02" }, running, "2026-12-01"))).toEqual({ field: "input.sessionOn", rule: "NOT_IN_FUTURE" });
    expect(refusal(() => checkSession({ outcome: "DID_NOT_ATTEND", notAttendedBy: "FAMILY_MEMBER", sessionOn: "2026-12-02" }, running, "2026-12-01"))?.rule).toBe("NOT_IN_FUTURE");
    expect(refusal(() => checkSession({ outcome: "CANCELLED", cancelledBy: "FAMILY_MEMBER", sessionOn: "2026-12-02" }, running, "2026-12-01"))).toBeNull();
  });

  it("who cancelled goes with a cancellation, who did not attend with a missed session", () => {
    const running = { startDate: "2026-12-01", endDate: null, supervision: "SUPERVISED" as const };
    const on = { sessionOn: "2026-12-01" };
    expect(refusal(() => checkSession({ ...on, outcome: "CANCELLED" }, running, "2026-12-01"))).toEqual({ field: "input.cancelledBy", rule: "REQUIRED_WHEN_CANCELLED" });
    expect(refusal(() => checkSession({ ...on, outcome: "TOOK_PLACE", cancelledBy: "CARER" }, running, "2026-12-01"))).toEqual({ field: "input.cancelledBy", rule: "ONLY_WHEN_CANCELLED" });
    expect(refusal(() => checkSession({ ...on, outcome: "DID_NOT_ATTEND" }, running, "2026-12-01"))).toEqual({ field: "input.notAttendedBy", rule: "REQUIRED_WHEN_NOT_ATTENDED" });
    expect(refusal(() => checkSession({ ...on, outcome: "CANCELLED", cancelledBy: "CHILD", notAttendedBy: "CHILD" }, running, "2026-12-01"))).toEqual({
      field: "input.notAttendedBy",
      rule: "ONLY_WHEN_NOT_ATTENDED",
    });
  });

  it("a supervisor's note needs a supervisor", () => {
    const on = { sessionOn: "2026-12-01", outcome: "TOOK_PLACE" as const, supervisorNote: "Went well." };
    expect(refusal(() => checkSession(on, { startDate: "2026-12-01", endDate: null, supervision: "UNSUPERVISED" }, "2026-12-01"))).toEqual({
      field: "input.supervisorNote",
      rule: "NO_SUPERVISOR",
    });
    expect(refusal(() => checkSession(on, { startDate: "2026-12-01", endDate: null, supervision: "SUPPORTED" }, "2026-12-01"))).toBeNull();
  });

  it("an arrangement ends once, not before it started, not in the future; only a running one changes", () => {
    const running = { startDate: "2026-11-30", endDate: null };
    expect(refusal(() => checkEnd(running, "2026-11-29", "2026-12-01"))).toEqual({ field: "input.endedOn", rule: "NOT_BEFORE_START" });
    expect(refusal(() => checkEnd(running, "2026-11-30", "2026-12-01"))).toBeNull();
    expect(refusal(() => checkEnd(running, "2026-12-02", "2026-12-01"))?.rule).toBe("NOT_IN_FUTURE");
    expect(refusal(() => checkEnd({ ...running, endDate: "2026-12-01" }, "2026-12-01", "2026-12-01"))).toEqual({ field: "input.arrangementId", rule: "ALREADY_ENDED" });
    expect(refusal(() => checkChange({ ...running, endDate: "2026-12-01" }, "2026-12-01", "2026-12-01"))?.rule).toBe("ARRANGEMENT_ENDED");
    expect(refusal(() => checkChange(running, "2026-11-29", "2026-12-01"))).toEqual({ field: "input.changedOn", rule: "NOT_BEFORE_START" });
  });
});

describe("contact arrangement review (CPPCR 2010 Sch 7 para 4)", () => {
  // Care-planning's explanation of a review due the first working day after the Christmas bank holidays.
  const review = { dueDate: "2026-12-29", explanation: "Looked-after review 2 due 29 Dec 2026: 3 months after review 1 on 29 Sep 2026" };

  it("is due on the looked-after review's own due date, even one straight after Christmas", () => {
    expect(contactReviewDue(review)).toEqual({ date: "2026-12-29", workings: `at the looked-after review due that day (${review.explanation})` });
  });

  it("explains itself naming the relationship, never the person", () => {
    expect(contactReviewExplanation("GRANDPARENT", review)).toBe(
      "Review of contact with the grandparent due 29 Dec 2026: at the looked-after review due that day (Looked-after review 2 due 29 Dec 2026: 3 months after review 1 on 29 Sep 2026)",
    );
    expect(CONTACT_REVIEW_AUTHORITY).toMatch(/CPPCR 2010 Sch 7 para 4/);
  });
});

describe("life-story work", () => {
  it("needs a title and a day between the birth and today", () => {
    const child = { dateOfBirth: "2016-01-01" };
    expect(refusal(() => checkLifeStoryItem({ title: " ", completedOn: "2026-11-01" }, child, "2026-12-01"))).toEqual({ field: "input.title", rule: "REQUIRED" });
    expect(refusal(() => checkLifeStoryItem({ title: "Book", completedOn: "2015-12-31" }, child, "2026-12-01"))?.rule).toBe("NOT_BEFORE_BIRTH");
    expect(refusal(() => checkLifeStoryItem({ title: "Book", completedOn: "2026-12-02" }, child, "2026-12-01"))?.rule).toBe("NOT_IN_FUTURE");
    expect(checkLifeStoryItem({ title: " Book ", completedOn: "2016-01-01" }, child, "2026-12-01")).toBe("Book");
  });
});

describe("family tree", () => {
  const member = (id: string, name: string, relationship: (typeof RELATIONSHIPS)[number], pr: string | null = null, linkedChildId: string | null = null) => ({
    id,
    name,
    relationship,
    hasParentalResponsibility: pr !== null,
    parentalResponsibilityBasis: pr as never,
    linkedChildId,
  });

  it("puts the child first, then the local authority holding PR, then parents before the wider family; every edge runs to the child", () => {
    const tree = familyTree(
      CHILD,
      [member("m-gran", "Gran", "GRANDPARENT", "SPECIAL_GUARDIANSHIP_ORDER"), member("m-sis", "Amy", "SIBLING", null, SIBLING), member("m-mum", "Jo", "MOTHER", "BIRTH_MOTHER")],
      { tenant: "E09000027", basis: "CARE_ORDER_LOCAL_AUTHORITY" },
    );
    expect(tree.nodes.map((n) => [n.id, n.kind, n.label])).toEqual([
      [CHILD, "CHILD", "This child"],
      ["local-authority:E09000027", "LOCAL_AUTHORITY", "Local authority E09000027 (care order)"],
      ["m-mum", "FAMILY_MEMBER", "Jo"],
      ["m-sis", "LINKED_CHILD", "Amy"],
      ["m-gran", "FAMILY_MEMBER", "Gran"],
    ]);
    expect(tree.nodes.find((n) => n.id === "m-sis")?.childId).toBe(SIBLING);
    expect(tree.edges).toEqual([
      { from: "local-authority:E09000027", to: CHILD, relationship: "LOCAL_AUTHORITY", parentalResponsibility: true, parentalResponsibilityBasis: "CARE_ORDER_LOCAL_AUTHORITY" },
      { from: "m-mum", to: CHILD, relationship: "MOTHER", parentalResponsibility: true, parentalResponsibilityBasis: "BIRTH_MOTHER" },
      { from: "m-sis", to: CHILD, relationship: "SIBLING", parentalResponsibility: false, parentalResponsibilityBasis: null },
      { from: "m-gran", to: CHILD, relationship: "GRANDPARENT", parentalResponsibility: true, parentalResponsibilityBasis: "SPECIAL_GUARDIANSHIP_ORDER" },
    ]);
  });

  it("has no local authority node when the authority holds no PR (e.g. accommodated under s.20)", () => {
    const tree = familyTree(CHILD, [], null);
    expect(tree.nodes).toHaveLength(1);
    expect(tree.edges).toEqual([]);
  });
});
