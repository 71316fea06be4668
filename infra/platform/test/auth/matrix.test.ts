import { readFileSync } from "node:fs";
import gql from "graphql-tag";
import { ACCESS_DOC } from "../../src/auth/render-access";
import { ACCESS_DOMAINS, access, anyReaders, buildRules, MATRIX, mayRead, mayReadField, partnersOf, readersOf, renderAccessDoc, scopeOf, SCOPES, writersOf } from "../../src/auth/matrix";
import { ROLES } from "../../src/auth/identity";
import { PARTNER_NAMES, PARTNERS, partnerReads } from "../../src/auth/partners";

describe("the access matrix", () => {
  it("ACCESS.md is the matrix rendered (run `npm run access:doc -w @caregraph/platform` after changing matrix.ts)", () => {
    expect(readFileSync(ACCESS_DOC, "utf8")).toBe(renderAccessDoc());
  });

  it("names every role, and every domain including the future ones", () => {
    expect(Object.keys(SCOPES).sort()).toEqual([...ROLES].sort());
    expect(ACCESS_DOMAINS).toEqual(expect.arrayContaining(["education", "family", "leaving-care", "uasc", "audit"]));
    for (const d of ACCESS_DOMAINS) for (const r of [...MATRIX[d].read, ...MATRIX[d].write]) expect(ROLES).toContain(r);
  });

  it("keeps the intent of issue 9", () => {
    // Health professionals: identity and health, not safeguarding narratives (only the plan's category and dates).
    expect(access("HEALTH_PROFESSIONAL", "children")).toBe("R");
    expect(access("HEALTH_PROFESSIONAL", "health")).toBe("R");
    expect(readersOf("safeguarding", "Concern", "summary")).not.toContain("HEALTH_PROFESSIONAL");
    expect(readersOf("safeguarding", "ChildProtectionPlan", "category")).toContain("HEALTH_PROFESSIONAL");
    // Education coordinators: identity and education only.
    expect(ACCESS_DOMAINS.filter((d) => access("EDUCATION_COORDINATOR", d) !== "—")).toEqual(["children", "education"]);
    // Auditors: the audit trail and nothing else; partners: what some agency's operations need (below).
    expect(ACCESS_DOMAINS.filter((d) => access("AUDITOR", d) !== "—")).toEqual(["audit"]);
    expect(ACCESS_DOMAINS.filter((d) => access("PARTNER", d) !== "—")).toEqual(["children", "placements", "health", "education"]);
    // IROs read every child domain for their allocated children and record reviews.
    expect(SCOPES.IRO).toBe("ALLOCATED");
    expect(ACCESS_DOMAINS.filter((d) => d !== "audit").every((d) => access("IRO", d) !== "—")).toBe(true);
    expect(writersOf("care-planning", "recordLookedAfterReview")).toEqual(["SOCIAL_WORKER", "IRO"]);
    // Team managers read the whole tenant and allocate.
    expect(SCOPES.TEAM_MANAGER).toBe("ALL_IN_TENANT");
    expect(writersOf("children", "allocateWorker")).toEqual(["TEAM_MANAGER"]);
    expect(SCOPES.RESIDENTIAL_STAFF).toBe("PLACED_IN_HOME");
    expect(readersOf("placements", "Placement", "postcode")).not.toContain("RESIDENTIAL_STAFF");
    // The audit trail belongs to the audit row wherever it appears.
    expect(readersOf("health", "AuditEntry", "at")).toEqual(["TEAM_MANAGER", "AUDITOR"]);
  });

  it("scopes: a token's roles decide which children it may be shown", () => {
    const who = (roles: (typeof ROLES)[number][], home?: string) => ({ userId: "u1", tenant: "E09000027", roles, home });
    expect(scopeOf(who(["SOCIAL_WORKER"]), "health")).toEqual({ all: true, any: true });
    expect(scopeOf(who(["IRO"]), "health")).toEqual({ all: false, any: true, allocatedTo: "u1" });
    expect(scopeOf(who(["RESIDENTIAL_STAFF"], "SC123456"), "placements")).toEqual({ all: false, any: true, home: "SC123456" });
    expect(scopeOf(who(["RESIDENTIAL_STAFF"]), "placements").any).toBe(false); // no home claim: no child
    expect(scopeOf(who(["PARTNER"]), "children").any).toBe(false); // no partner claim: no child
    expect(scopeOf(null, "children").any).toBe(false);
  });

  it("generates a rule for every field of a schema, mutations by their writers, _entities for anyone who reads something", () => {
    const typeDefs = gql`
      type Query { workTray: [Child!]! }
      type Mutation { recordLookedAfterReview: Int, recordCarePlan: Int }
      extend type Child @key(fields: "id") { id: ID! carePlan: Int }
    `;
    const calls: string[][] = [];
    const rules = buildRules("care-planning", typeDefs, (roles) => (calls.push(roles), roles.join(",")) as never, "nobody" as never);
    expect(rules).toEqual({
      Query: { workTray: "SOCIAL_WORKER,TEAM_MANAGER", _entities: anyReaders("care-planning").join(",") },
      Mutation: { recordLookedAfterReview: "SOCIAL_WORKER,IRO", recordCarePlan: "SOCIAL_WORKER,TEAM_MANAGER" },
      Child: { id: MATRIX["care-planning"].read.join(","), carePlan: MATRIX["care-planning"].read.join(",") },
    });
    // A domain nobody writes gets the "nobody" rule for a mutation.
    expect(buildRules("audit", gql`type Mutation { x: Int }`, () => "r" as never, "nobody" as never).Mutation).toEqual({ x: "nobody" });
  });
});

describe("mayRead / mayReadField (read models across domains)", () => {
  const who = (...roles: string[]) => ({ userId: "u", tenant: "E09000027", roles }) as unknown as Parameters<typeof mayRead>[0];
  it("a domain's readers read it; a role with only excepted fields there does not, but may read those fields", () => {
    expect(mayRead(who("EDUCATION_COORDINATOR"), "education")).toBe(true);
    expect(mayRead(who("EDUCATION_COORDINATOR"), "health")).toBe(false);
    expect(mayRead(who("HEALTH_PROFESSIONAL"), "safeguarding")).toBe(false);
    expect(mayReadField(who("HEALTH_PROFESSIONAL"), "safeguarding", "ChildProtectionPlan", "category")).toBe(true);
    expect(mayReadField(who("HEALTH_PROFESSIONAL"), "safeguarding", "Concern", "category")).toBe(false);
    expect(mayRead(who("PARTNER"), "children")).toBe(false);
    expect(mayRead(null, "children")).toBe(false);
    expect(mayRead(who("PARTNER", "SAFEGUARDING_LEAD"), "safeguarding")).toBe(true);
  });
});

describe("partner agencies (issue 11)", () => {
  const partner = (name: string) => ({ userId: name, tenant: "E09000027", roles: ["PARTNER" as const], partner: name });

  it("each agency reads its own domains and nothing else", () => {
    const domains = (name: keyof typeof PARTNERS) => Object.keys(PARTNERS[name].reads);
    expect(domains("northbrook-health")).toEqual(["children", "health"]);
    expect(domains("riverside-school")).toEqual(["children", "education"]);
    // Missing episodes and return home interviews are the placements domain's.
    expect(domains("county-police")).toEqual(["children", "placements"]);
    for (const name of PARTNER_NAMES) {
      for (const d of ACCESS_DOMAINS) expect(partnerReads(name, d)).toBe(domains(name).includes(d));
    }
    expect(partnerReads("unknown-agency", "children")).toBe(false);
    expect(partnerReads(undefined, "children")).toBe(false);
    expect(ACCESS_DOMAINS.some((d) => writersOf(d, "anything").includes("PARTNER"))).toBe(false);
  });

  it("the allow list is per agency: the police see ethnicity (a missing person's description), the school and the trust do not", () => {
    expect(mayReadField(partner("county-police"), "children", "Child", "ethnicity")).toBe(true);
    expect(mayReadField(partner("riverside-school"), "children", "Child", "ethnicity")).toBe(false);
    expect(mayReadField(partner("northbrook-health"), "children", "Child", "lookedAfterSince")).toBe(true);
    expect(mayReadField(partner("county-police"), "children", "Child", "lookedAfterSince")).toBe(false);
    // Every agency finds a child by name and date of birth, and may ask with the child's id anywhere it reads.
    for (const name of PARTNER_NAMES) expect(mayReadField(partner(name), "children", "Child", "firstName")).toBe(true);
    expect(partnersOf("health", "Child", "id")).toEqual(["northbrook-health"]);
    expect(mayReadField(partner("county-police"), "health", "Child", "id")).toBe(false);
  });

  it("a field on no allow list is no partner's: one a domain adds tomorrow is FORBIDDEN until named there", () => {
    expect(readersOf("health", "HealthAssessment", "aFieldAddedTomorrow")).not.toContain("PARTNER");
    expect(readersOf("health", "HealthAssessment", "aFieldAddedTomorrow")).toContain("SOCIAL_WORKER");
    expect(access("PARTNER", "health")).toBe("R*");
    expect(access("PARTNER", "safeguarding")).toBe("—");
    // Rules carry the agencies: the shield counts PARTNER only for them.
    const agencies: string[][] = [];
    buildRules("children", gql`type Child { firstName: String ethnicity: String upn: String }`, (roles, partners) => (agencies.push([...partners]), roles.join(",")) as never, "nobody" as never);
    expect(agencies).toEqual([[...PARTNER_NAMES], ["county-police"], [], PARTNER_NAMES.filter((p) => partnerReads(p, "children"))]);
  });

  it("a partner's scope is its own agreements, in its own domains only", () => {
    expect(SCOPES.PARTNER).toBe("SHARED_BY_AGREEMENT");
    expect(scopeOf(partner("riverside-school"), "education")).toEqual({ all: false, any: true, partner: "riverside-school" });
    expect(scopeOf(partner("riverside-school"), "children")).toEqual({ all: false, any: true, partner: "riverside-school" });
    expect(scopeOf(partner("riverside-school"), "health").any).toBe(false);
    expect(scopeOf(partner("county-police"), "education").any).toBe(false);
    expect(scopeOf(partner("northbrook-health"), "safeguarding").any).toBe(false);
    expect(scopeOf(partner("northbrook-health"), "audit").any).toBe(false);
  });

  it("the allow lists leave out: the UPN, no legal status, no clinical note, no placement address", () => {
    expect(readersOf("children", "Child", "firstName")).toContain("PARTNER");
    expect(readersOf("children", "Child", "upn")).not.toContain("PARTNER");
    expect(readersOf("children", "Child", "legalStatus")).not.toContain("PARTNER");
    expect(readersOf("health", "HealthAssessment", "dueDate")).toContain("PARTNER");
    expect(readersOf("health", "HealthAssessment", "note")).not.toContain("PARTNER");
    expect(readersOf("placements", "MissingEpisode", "returnInterviewHeldAt")).toContain("PARTNER");
    expect(readersOf("placements", "Child", "missingEpisodes")).toContain("PARTNER");
    expect(readersOf("placements", "Placement", "postcode")).not.toContain("PARTNER");
    expect(readersOf("placements", "Child", "currentPlacement")).not.toContain("PARTNER");
    // The work tray and the audit trail are never a partner's.
    expect(readersOf("care-planning", "Query", "workTray")).not.toContain("PARTNER");
    expect(readersOf("children", "Query", "auditTrail")).not.toContain("PARTNER");
    // The existing exceptions are unchanged for everyone else.
    expect(readersOf("children", "Child", "upn")).toEqual(expect.arrayContaining(["SOCIAL_WORKER", "EDUCATION_COORDINATOR"]));
  });

  it("ACCESS.md lists every agency with its domains", () => {
    const doc = renderAccessDoc();
    for (const name of PARTNER_NAMES) expect(doc).toContain(`| ${name} | ${PARTNERS[name].kind} |`);
  });
});
