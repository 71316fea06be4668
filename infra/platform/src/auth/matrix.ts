import { DocumentNode, Kind } from "graphql";
import type { IRule } from "graphql-shield";
import { Identity, Role, ROLES } from "./identity";
import { PartnerName, PARTNER_NAMES, PARTNERS, partnerReads, partnersReading, partnersShown } from "./partners";

/**
 * CareGraph's access matrix, written down once. Every subgraph's graphql-shield rules are
 * generated from it (`rulesFor`), and infra/platform/ACCESS.md is rendered from it
 * (`npm run access:doc -w @caregraph/platform`; a test fails when the two disagree), so the
 * document and the code cannot disagree. A new domain adds its row here before it has a schema.
 */
export const ACCESS_DOMAINS = [
  "children",
  "placements",
  "health",
  "safeguarding",
  "care-planning",
  "education",
  "family",
  "leaving-care",
  "uasc",
  "audit",
] as const;
export type AccessDomain = (typeof ACCESS_DOMAINS)[number];

/**
 * Which of a tenant's children a role may be shown at all (checked when a child is resolved,
 * through the platform's child directory; field rules then decide what of it):
 * - ALL_IN_TENANT: every child of the caller's local authority;
 * - ALLOCATED: children the caller is allocated to (WorkerAllocated, role IRO or PERSONAL_ADVISER);
 * - PLACED_IN_HOME: children whose current placement is at the home in the token's `home` claim
 *   (PlacementStarted / Ended / Amended / Voided carry the home's Ofsted URN);
 * - SHARED_BY_AGREEMENT: children with an information-sharing agreement for the token's partner
 *   agency (claim `partner`) active today on the platform clock (InformationSharingAgreementRecorded
 *   / Revoked, from the children domain), in the domains that agency reads (./partners.ts);
 * - NONE: no child.
 */
export type Scope = "ALL_IN_TENANT" | "ALLOCATED" | "PLACED_IN_HOME" | "SHARED_BY_AGREEMENT" | "NONE";

export const SCOPES: Record<Role, Scope> = {
  SOCIAL_WORKER: "ALL_IN_TENANT",
  TEAM_MANAGER: "ALL_IN_TENANT",
  RESIDENTIAL_STAFF: "PLACED_IN_HOME",
  FOSTERING_OFFICER: "ALL_IN_TENANT",
  PERSONAL_ADVISER: "ALLOCATED",
  UASC_COORDINATOR: "ALL_IN_TENANT",
  SAFEGUARDING_LEAD: "ALL_IN_TENANT",
  EDUCATION_COORDINATOR: "ALL_IN_TENANT",
  HEALTH_PROFESSIONAL: "ALL_IN_TENANT",
  IRO: "ALLOCATED",
  PARTNER: "SHARED_BY_AGREEMENT",
  AUDITOR: "ALL_IN_TENANT",
};

/** A field whose readers differ from its domain's: `deny` takes roles away, `allow` adds them. */
export interface FieldException {
  type: string;
  /** A field name, or "*" for every field of the type. */
  field: string;
  deny?: Role[];
  allow?: Role[];
  why: string;
}

export interface DomainPolicy {
  what: string;
  read: Role[];
  /** Who may call the domain's mutations, unless `mutations` names the operation. */
  write: Role[];
  mutations?: Record<string, Role[]>;
  /** Root queries over many children whose readers differ from the domain's. */
  queries?: Record<string, Role[]>;
  fields?: FieldException[];
}

const SW: Role = "SOCIAL_WORKER";
const TM: Role = "TEAM_MANAGER";
const RS: Role = "RESIDENTIAL_STAFF";
const FO: Role = "FOSTERING_OFFICER";
const PA: Role = "PERSONAL_ADVISER";
const UC: Role = "UASC_COORDINATOR";
const SL: Role = "SAFEGUARDING_LEAD";
const EC: Role = "EDUCATION_COORDINATOR";
const HP: Role = "HEALTH_PROFESSIONAL";
const IRO: Role = "IRO";
const AU: Role = "AUDITOR";

export const MATRIX: Record<AccessDomain, DomainPolicy> = {
  children: {
    what: "identity, legal statuses, allocations",
    read: [SW, TM, RS, FO, PA, UC, SL, EC, HP, IRO],
    write: [SW, TM],
    // Allocating decides who else may see the child (IROs and personal advisers see their allocated
    // children), so it is a team manager's decision, not the social worker's.
    // Merging two records of a child (and undoing it) rewrites every domain's record: a team manager's decision.
    mutations: { allocateWorker: [TM], mergeChildren: [TM], unmergeChildren: [TM] },
    // Compares the child with every other child of the tenant: for roles that see them all.
    queries: { possibleDuplicates: [SW, TM] },
    fields: [
      { type: "Child", field: "upn", deny: [RS, FO, HP], why: "the unique pupil number is for education and the social work team" },
      // Court orders, assessments and letters are the case record itself: for the social work team,
      // the IRO who reviews the care plan, the personal adviser and the UASC coordinator who work from them.
      { type: "Child", field: "documents", deny: [RS, FO, SL, EC, HP], why: "the documents on the child's file (court orders, assessments, letters) are for the social work team, IROs, personal advisers and UASC coordinators" },
      { type: "Document", field: "*", deny: [RS, FO, SL, EC, HP], why: "the same" },
      { type: "DocumentVersion", field: "*", deny: [RS, FO, SL, EC, HP], why: "the same" },
    ],
  },
  placements: {
    what: "placements, missing episodes, return interviews",
    read: [SW, TM, RS, FO, PA, UC, SL, IRO],
    write: [SW],
    // Confirming a match decides where a child will live: a team manager's decision (issue 12).
    mutations: {
      amendPlacement: [SW, TM],
      voidPlacement: [SW, TM],
      amendShortBreak: [SW, TM],
      voidShortBreak: [SW, TM],
      amendTemporaryApproval: [SW, TM],
      amendDisruptionMeeting: [SW, TM],
      confirmPlacementMatch: [TM],
    },
    // Across the whole tenant: only for roles that may see every child of it.
    queries: { placementStabilityReport: [SW, TM] },
    fields: [
      { type: "Placement", field: "homePostcode", deny: [RS], why: "the family home's postcode is for the social work team, not the home's staff" },
      { type: "Placement", field: "postcode", deny: [RS], why: "a home's staff see where the child lives now, not where they lived before" },
    ],
  },
  health: {
    what: "health assessments",
    read: [SW, TM, RS, PA, UC, HP, IRO],
    write: [SW],
    mutations: { amendHealthAssessment: [SW, TM], voidHealthAssessment: [SW, TM], voidHealthRecord: [SW, TM] },
    fields: [
      { type: "HealthAssessment", field: "note", deny: [RS, PA, UC], why: "clinical notes are for health professionals and the social work team" },
      { type: "Child", field: "camhsReferrals", deny: [PA, UC], why: "mental health referrals are special category data: health professionals, residential staff and the social work team" },
      { type: "Child", field: "substanceMisuse", deny: [PA, UC], why: "special category data, the same" },
      { type: "MedicalHistoryItem", field: "description", deny: [PA, UC], why: "conditions, allergies and medications are special category data; residential staff give medicines, so they keep them" },
    ],
  },
  safeguarding: {
    what: "concerns, strategy discussions, section 47 enquiries, child protection",
    read: [SW, TM, SL, IRO],
    write: [SW, TM],
    mutations: { acknowledgeEscalation: [TM] },
    fields: [
      { type: "Child", field: "childProtection", allow: [HP], why: "health professionals know a child is on a child protection plan (not the concerns behind it)" },
      { type: "ChildProtection", field: "plan", allow: [HP], why: "the current plan's category and dates" },
      { type: "ChildProtectionPlan", field: "*", allow: [HP], why: "category and dates, no narrative" },
    ],
  },
  "care-planning": {
    what: "looked-after reviews, statutory visits, care plans, work tray",
    read: [SW, TM, RS, FO, PA, UC, SL, IRO],
    write: [SW, TM],
    mutations: { recordLookedAfterReview: [IRO, SW] },
    // Lists across the whole tenant: only for roles that may see every child of it.
    queries: { workTray: [SW, TM], complianceSummary: [SW, TM] },
  },
  education: { what: "school, PEP, attendance (future domain)", read: [SW, TM, RS, PA, UC, EC, IRO], write: [SW, EC] },
  family: { what: "family and friends, fostering households (future domain)", read: [SW, TM, FO, IRO], write: [SW, FO] },
  "leaving-care": { what: "pathway plans, care leavers (future domain)", read: [SW, TM, PA, UC, IRO], write: [SW, PA] },
  uasc: { what: "unaccompanied asylum-seeking children (future domain)", read: [SW, TM, PA, UC, IRO], write: [SW, UC] },
  audit: { what: "the audit trail of reads and changes", read: [TM, AU], write: [] },
};

/** Types and root fields that belong to another domain wherever they appear (the audit trail). */
export const SHARED: Record<string, AccessDomain> = { AuditEntry: "audit", "Query.auditTrail": "audit" };

const uniq = (roles: Role[]): Role[] => ROLES.filter((r) => roles.includes(r));

/** PARTNER, when some partner agency reads the domain (which agency: ./partners.ts, checked per token). */
const partnerRole = (domain: AccessDomain): Role[] => (partnersReading(domain).length ? ["PARTNER"] : []);

/** A domain's field exceptions (partner agencies have an allow list instead: ./partners.ts). */
export function fieldExceptions(domain: AccessDomain): FieldException[] {
  return MATRIX[domain].fields ?? [];
}

/** Who may read `type.field` in a domain, exceptions applied. */
export function readersOf(domain: AccessDomain, type: string, field: string): Role[] {
  const shared = SHARED[`${type}.${field}`] ?? SHARED[type];
  if (shared && shared !== domain) return readersOf(shared, type, field);
  const policy = MATRIX[domain];
  if (type === "Query" && policy.queries?.[field]) return uniq(policy.queries[field]);
  // The entity's key: whoever may read anything of the domain may read the id they asked with.
  if (type === "Child" && field === "id") return anyReaders(domain);
  let readers = [...policy.read, ...partnerRole(domain)];
  for (const x of fieldExceptions(domain)) {
    if (x.type !== type || (x.field !== field && x.field !== "*")) continue;
    readers = [...readers.filter((r) => !x.deny?.includes(r)), ...(x.allow ?? [])];
  }
  // A partner agency is shown only the fields its allow list names.
  if (!partnersOf(domain, type, field).length) readers = readers.filter((r) => r !== "PARTNER");
  return uniq(readers);
}

/** Which partner agencies may read `type.field` of a domain (the key of Child: every agency reading the domain). */
export function partnersOf(domain: AccessDomain, type: string, field: string): PartnerName[] {
  const shared = SHARED[`${type}.${field}`] ?? SHARED[type];
  if (shared && shared !== domain) return partnersOf(shared, type, field);
  if (type === "Query" && MATRIX[domain].queries?.[field]) return [];
  if (type === "Child" && field === "id") return partnersReading(domain);
  return partnersShown(domain, type, field);
}

export function writersOf(domain: AccessDomain, mutation: string): Role[] {
  const policy = MATRIX[domain];
  return uniq(policy.mutations?.[mutation] ?? policy.write);
}

/** Every role that may read anything at all in the domain (the `_entities` door). */
export function anyReaders(domain: AccessDomain): Role[] {
  const policy = MATRIX[domain];
  return uniq([...policy.read, ...partnerRole(domain), ...fieldExceptions(domain).flatMap((x) => x.allow ?? [])]);
}

/**
 * Whether the caller reads the domain as a whole (access R or RW for one of their roles): what a
 * read model across domains (the chronology) asks before it shows anything that came from one.
 * A role that reads only excepted fields there (R*) is not a reader of the domain; ask
 * `mayReadField` for the field in question instead.
 */
export function mayRead(identity: Identity | null, domain: AccessDomain): boolean {
  return (identity?.roles ?? []).some((r) => MATRIX[domain].read.includes(r));
}

/** Whether the caller may read `type.field` of a domain, exceptions applied. */
export function mayReadField(identity: Identity | null, domain: AccessDomain, type: string, field: string): boolean {
  const readers = readersOf(domain, type, field);
  const agencies: readonly string[] = partnersOf(domain, type, field);
  return (identity?.roles ?? []).some((r) => readers.includes(r) && (r !== "PARTNER" || agencies.includes(identity?.partner ?? "")));
}

/** R* = only the fields named under the field-level exceptions. */
export type Access = "—" | "R" | "R*" | "RW";

export function access(role: Role, domain: AccessDomain): Access {
  const p = MATRIX[domain];
  const writes = p.write.includes(role) || Object.values(p.mutations ?? {}).some((rs) => rs.includes(role));
  if (writes) return "RW";
  if (role === "PARTNER") return partnerRole(domain).length ? "R*" : "—";
  if (p.read.includes(role)) return "R";
  return (p.fields ?? []).some((x) => x.allow?.includes(role)) ? "R*" : "—";
}

/**
 * Which of the tenant's children the caller may be shown for a domain: the widest scope of the
 * roles that read anything there. (A token with several roles gets the union.)
 */
export interface ChildScope {
  all: boolean;
  /** ALLOCATED: the caller's user id. */
  allocatedTo?: string;
  /** PLACED_IN_HOME: the token's Ofsted URN (none: no child). */
  home?: string;
  /** SHARED_BY_AGREEMENT: the token's partner agency, when it reads the domain (none: no child). */
  partner?: string;
  /** Whether any child at all may be shown. */
  any: boolean;
}

export function scopeOf(identity: Identity | null, domain: AccessDomain): ChildScope {
  const roles = (identity?.roles ?? [])
    .filter((r) => anyReaders(domain).includes(r) || access(r, domain) === "RW")
    // A partner agency is shown only the domains its own operations need.
    .filter((r) => r !== "PARTNER" || partnerReads(identity?.partner, domain));
  const scopes = new Set(roles.map((r) => SCOPES[r]));
  if (scopes.has("ALL_IN_TENANT")) return { all: true, any: true };
  const scope: ChildScope = { all: false, any: false };
  if (scopes.has("ALLOCATED") && identity) Object.assign(scope, { allocatedTo: identity.userId, any: true });
  if (scopes.has("PLACED_IN_HOME") && identity?.home) Object.assign(scope, { home: identity.home, any: true });
  if (scopes.has("SHARED_BY_AGREEMENT") && identity?.partner) Object.assign(scope, { partner: identity.partner, any: true });
  return scope;
}

/** The type and field names of a subgraph's schema document (object types and their extensions). */
export function fieldsOf(typeDefs: DocumentNode): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of typeDefs.definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    out.set(d.name.value, [...(out.get(d.name.value) ?? []), ...(d.fields ?? []).map((f) => f.name.value)]);
  }
  return out;
}

/**
 * Builds a hasRole rule for a role list (PARTNER counting only for the agencies named); injected
 * so this module stays free of graphql-shield state.
 */
export type RoleRule = (roles: Role[], partners: readonly PartnerName[]) => IRule;

/**
 * The graphql-shield rules for one subgraph, generated from the matrix: root queries and every
 * object type's fields are readable by the domain's readers (exceptions applied), mutations by
 * their writers, `_entities` by anyone who may read something of the domain. Anything left out
 * of the schema document is denied by the shield's fallback.
 */
export function buildRules(domain: AccessDomain, typeDefs: DocumentNode | Map<string, string[]>, roleRule: RoleRule, nobody: IRule) {
  const types = typeDefs instanceof Map ? typeDefs : fieldsOf(typeDefs);
  const ruleOf = (roles: Role[], partners: readonly PartnerName[] = []) => (roles.length ? roleRule(roles, partners) : nobody);
  const rules: Record<string, Record<string, IRule>> = {};
  for (const [type, fields] of types) {
    const map: Record<string, IRule> = {};
    for (const field of fields) map[field] = type === "Mutation" ? ruleOf(writersOf(domain, field)) : ruleOf(readersOf(domain, type, field), partnersOf(domain, type, field));
    rules[type] = map;
  }
  rules.Query = { ...(rules.Query ?? {}), _entities: ruleOf(anyReaders(domain), partnersReading(domain)) };
  return rules;
}

/** infra/platform/ACCESS.md, rendered from the matrix. */
export function renderAccessDoc(): string {
  const lines: string[] = [];
  lines.push("# Who may see what (generated — do not edit)");
  lines.push("");
  lines.push("Rendered from `infra/platform/src/auth/matrix.ts` by `npm run access:doc -w @caregraph/platform`;");
  lines.push("every subgraph's shield rules are generated from the same data (`rulesFor`), and a test fails");
  lines.push("when this file and the data disagree. R = read, RW = read and write (see the operations below),");
  lines.push("R* = only the fields named under the field-level exceptions (for PARTNER: its agency's allow list), — = nothing.");
  lines.push("");
  lines.push(`| Role | Scope | ${ACCESS_DOMAINS.join(" | ")} |`);
  lines.push(`|---|---|${ACCESS_DOMAINS.map(() => "---").join("|")}|`);
  for (const role of ROLES) lines.push(`| ${role} | ${SCOPES[role]} | ${ACCESS_DOMAINS.map((d) => access(role, d)).join(" | ")} |`);
  lines.push("");
  lines.push("Scopes: ALL_IN_TENANT = every child of the caller's local authority; ALLOCATED = children the caller is");
  lines.push("allocated to (WorkerAllocated, role IRO or PERSONAL_ADVISER); PLACED_IN_HOME = children whose current");
  lines.push("placement is at the home named by the token's `home` claim (Ofsted URN); SHARED_BY_AGREEMENT = children with an");
  lines.push("information-sharing agreement for the token's partner agency active today (recordInformationSharingAgreement),");
  lines.push("in the domains that agency reads (below); NONE = no child.");
  lines.push("");
  lines.push("## Partner agencies");
  lines.push("");
  lines.push("Role PARTNER reads only what its own agency's operations need: the domains below, for the children shared with it by");
  lines.push("an active information-sharing agreement, and only through its own persisted operations (`schema/partners/<name>/`).");
  lines.push("Data in `infra/platform/src/auth/partners.ts`.");
  lines.push("");
  lines.push(`| Partner | Kind | Shown for | Requests / minute | ${ACCESS_DOMAINS.join(" | ")} |`);
  lines.push(`|---|---|---|---|${ACCESS_DOMAINS.map(() => "---").join("|")}|`);
  for (const name of PARTNER_NAMES) {
    const p = PARTNERS[name];
    lines.push(`| ${name} | ${p.kind} | ${p.purpose} | ${p.requestsPerMinute} | ${ACCESS_DOMAINS.map((d) => (partnerReads(name, d) ? "R" : "—")).join(" | ")} |`);
  }
  lines.push("");
  lines.push("Each agency is shown only the fields its allow list names (`reads` in partners.ts): a field a domain adds is");
  lines.push("FORBIDDEN to every agency until it is added there with the operation that needs it.");
  lines.push("");
  lines.push("| Partner | Domain | Type | Fields shown |");
  lines.push("|---|---|---|---|");
  for (const name of PARTNER_NAMES) {
    for (const [d, types] of Object.entries(PARTNERS[name].reads as Record<string, Record<string, readonly string[]>>)) {
      for (const [type, fields] of Object.entries(types)) lines.push(`| ${name} | ${d} | ${type} | ${fields.join(", ")} |`);
    }
  }
  lines.push("");
  lines.push("## Domains");
  lines.push("");
  lines.push("| Domain | Holds | Writers | Operations with other writers | Queries with other readers |");
  lines.push("|---|---|---|---|---|");
  for (const d of ACCESS_DOMAINS) {
    const p = MATRIX[d];
    const ops = Object.entries(p.mutations ?? {}).map(([m, rs]) => `${m}: ${rs.join(", ")}`).join("; ") || "—";
    const qs = Object.entries(p.queries ?? {}).map(([q, rs]) => `${q}: ${rs.join(", ")}`).join("; ") || "—";
    lines.push(`| ${d} | ${p.what} | ${p.write.join(", ") || "—"} | ${ops} | ${qs} |`);
  }
  lines.push("");
  lines.push("## Field-level exceptions");
  lines.push("");
  lines.push("| Domain | Field | Denied to | Also allowed | Why |");
  lines.push("|---|---|---|---|---|");
  for (const d of ACCESS_DOMAINS) {
    for (const x of fieldExceptions(d)) {
      lines.push(`| ${d} | ${x.type}.${x.field} | ${x.deny?.join(", ") ?? "—"} | ${x.allow?.join(", ") ?? "—"} | ${x.why} |`);
    }
  }
  lines.push("");
  lines.push("## Rules that follow from it");
  lines.push("");
  lines.push("- A field the caller may not read resolves to null with a FORBIDDEN error at its path (a non-null");
  lines.push("  field takes its nearest nullable parent with it); never another child's data.");
  lines.push("- A child outside the caller's scope, an unknown id, another local authority's id and a malformed id");
  lines.push("  all resolve the same way: `null` (in `child`, in `_entities` of every subgraph) and NOT_FOUND for a mutation.");
  lines.push("- Ids are compared as lower-case UUIDs.");
  lines.push("- `Child.chronology` (children) shows an entry only to a caller who may read the domain that published it,");
  lines.push("  with that role's scope; a HEALTH_PROFESSIONAL sees only child protection plans starting and ending from");
  lines.push("  safeguarding. Summaries carry kinds, dates and categories, never a note or a field hidden above.");
  lines.push("- A mutation naming a child it may not show waits at most 1.5 s (UNKNOWN_CHILD_WAIT_MS, child-directory.ts) for a");
  lines.push("  child registered a moment ago to arrive, then answers NOT_FOUND; the wait is the same for unknown, foreign and");
  lines.push("  out-of-scope well-formed ids (so timing tells nothing), and a malformed id fails at once.");
  lines.push("- allocateWorker is the team manager's alone: an allocation decides who else may see the child (IROs and personal");
  lines.push("  advisers see their allocated children), so the social worker does not grant it.");
  lines.push("- The work tray and compliance summary list the whole tenant: only roles that see all of it (SOCIAL_WORKER, TEAM_MANAGER).");
  lines.push("- Writes are as before issue 9; the new roles write only in the future domains named above.");
  lines.push("- A token with several roles is shown the union of their scopes, and each field by any of its roles.");
  lines.push("- PARTNER: each agency reads only its own domains (above), never writes, and runs only its own persisted operations;");
  lines.push("  another agency's child, a child without an active agreement and an unknown id all look the same (absent). AUDITOR");
  lines.push("  reads the audit trail only.");
  lines.push("");
  return lines.join("\n");
}
