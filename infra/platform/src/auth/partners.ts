import type { Role } from "./identity";
import type { AccessDomain, FieldException } from "./matrix";

/**
 * Partner agencies (issue 11): organisations outside the local authority that are shown part of
 * a child's record — a health trust, a school, the police. Each is data here, like the roles of
 * the matrix (./matrix.ts): what it is, which domains its operations need (it reads nothing
 * else), and how many requests a minute the gateway lets it make. Which children it is shown is
 * not here: only those with an information-sharing agreement recorded for it, active today
 * (scope SHARED_BY_AGREEMENT, kept by the child directory from the children domain's events).
 *
 * A partner's token (role PARTNER) names the agency twice: `sub` (its client id) and the claim
 * `partner`; both must be one of the names below or the token names no agency and is shown
 * nothing. The agency's name is therefore the actor of every audit entry its requests write.
 * What it may run is fixed too: only its own persisted operations
 * (schema/partners/<name>/*.graphql, compiled into schema/persisted-queries/<name>.json).
 */
export interface PartnerAgency {
  /** What kind of organisation it is (ACCESS.md). */
  kind: string;
  /** Why it is shown anything: the job its operations do. */
  purpose: string;
  /** The domains its operations need. A domain not named here shows it nothing at all. */
  domains: AccessDomain[];
  /** Requests a minute through the gateway (Redis; PARTNER_RATE_LIMIT_PER_MINUTE overrides). */
  requestsPerMinute: number;
}

export const PARTNERS = {
  "northbrook-health": {
    kind: "NHS health trust (looked-after children's health team)",
    purpose: "initial and review health assessments of the children placed in its area",
    domains: ["children", "health"],
    requestsPerMinute: 120,
  },
  "riverside-school": {
    kind: "school (designated teacher for looked-after children)",
    purpose: "personal education plans, attendance and school history of its looked-after pupils",
    domains: ["children", "education"],
    requestsPerMinute: 120,
  },
  "county-police": {
    kind: "police force (missing persons coordinator)",
    purpose: "missing episodes and return home interviews of looked-after children (DfE 2014 guidance on children who go missing)",
    domains: ["children", "placements"],
    requestsPerMinute: 60,
  },
} as const satisfies Record<string, PartnerAgency>;

export type PartnerName = keyof typeof PARTNERS;
export const PARTNER_NAMES = Object.keys(PARTNERS) as PartnerName[];

export function isPartner(value: unknown): value is PartnerName {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(PARTNERS, value);
}

/** Whether the named agency reads the domain (an unknown or missing name reads nothing). */
export function partnerReads(partner: string | undefined, domain: AccessDomain): boolean {
  return isPartner(partner) && (PARTNERS[partner].domains as readonly AccessDomain[]).includes(domain);
}

/** The agencies that read the domain. */
export function partnersReading(domain: AccessDomain): PartnerName[] {
  return PARTNER_NAMES.filter((p) => partnerReads(p, domain));
}

const PARTNER: Role = "PARTNER";

/**
 * Fields a partner agency is not shown even in a domain it reads: what its job does not need.
 * Applied on top of each domain's own exceptions (matrix.ts), for every agency alike.
 */
export const PARTNER_FIELD_EXCEPTIONS: Partial<Record<AccessDomain, FieldException[]>> = {
  children: [
    { type: "Child", field: "upn", deny: [PARTNER], why: "partners match a child by name and date of birth; the unique pupil number stays with the local authority and schools' own systems" },
    { type: "Child", field: "legalStatus", deny: [PARTNER], why: "the legal basis of care (care order, section 20, remand) is not a partner's business" },
    { type: "Child", field: "legalStatuses", deny: [PARTNER], why: "the same, for the history" },
    { type: "Child", field: "allocations", deny: [PARTNER], why: "a partner needs today's social worker (currentAllocations), not who held the case before" },
    { type: "Child", field: "archivedAt", deny: [PARTNER], why: "record-keeping, not the partner's" },
    { type: "Child", field: "informationSharingAgreements", deny: [PARTNER], why: "which other agencies a child's record is shared with is not a partner's business" },
    { type: "InformationSharingAgreement", field: "*", deny: [PARTNER], why: "the same" },
    { type: "Child", field: "chronology", deny: [PARTNER], why: "the chronology spans every domain; a partner is shown only the fields its own operations read" },
  ],
  health: [
    { type: "HealthAssessment", field: "note", deny: [PARTNER], why: "free-text notes stay inside the local authority" },
    { type: "Child", field: "medicalHistory", deny: [PARTNER], why: "special category data: shared case by case, not by query" },
    { type: "Child", field: "camhsReferrals", deny: [PARTNER], why: "the same" },
    { type: "Child", field: "substanceMisuse", deny: [PARTNER], why: "the same" },
    { type: "Child", field: "consents", deny: [PARTNER], why: "who consented to what is the local authority's record" },
  ],
  placements: [
    { type: "Child", field: "placements", deny: [PARTNER], why: "the police are shown missing episodes, not where the child has lived" },
    { type: "Child", field: "currentPlacement", deny: [PARTNER], why: "the address of a placement is shared by the social worker case by case, not by query" },
    { type: "Placement", field: "*", deny: [PARTNER], why: "the same" },
    { type: "Child", field: "shortBreaks", deny: [PARTNER], why: "where and when a child stays for short breaks is placement detail" },
    { type: "Child", field: "placementStability", deny: [PARTNER], why: "placement history in another form" },
    { type: "Child", field: "placementBreakdownRisk", deny: [PARTNER], why: "decision support for the local authority, not a partner's" },
    { type: "Query", field: "placementMatches", deny: [PARTNER], why: "carers, providers and vacancies are the local authority's commissioning" },
  ],
};
