import type { AccessDomain } from "./matrix";

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
/** Per domain, per type: the fields an agency is shown (nothing else of the domain). */
export type PartnerReads = Partial<Record<AccessDomain, Readonly<Record<string, readonly string[]>>>>;

export interface PartnerAgency {
  /** What kind of organisation it is (ACCESS.md). */
  kind: string;
  /** Why it is shown anything: the job its operations do. */
  purpose: string;
  /**
   * An allow list: the fields its operations read, per domain and type. A domain not named shows
   * it nothing; a field not named (a new one a domain adds, too) is FORBIDDEN to it until it is
   * added here with the operation that needs it (gateway/test/partner-fields.test.ts holds the
   * list and the agencies' operations to each other, both ways).
   */
  reads: PartnerReads;
  /** Requests a minute through the gateway (Redis; PARTNER_RATE_LIMIT_PER_MINUTE overrides). */
  requestsPerMinute: number;
}

/**
 * Every agency finds a child by name and date of birth and calls the allocated social worker;
 * lists come a page at a time. Never the UPN, the legal status, the allocation history or who
 * else the record is shared with.
 */
const IDENTITY = {
  Query: ["child", "children"],
  ChildConnection: ["edges", "pageInfo"],
  ChildEdge: ["node"],
  PageInfo: ["hasNextPage", "endCursor"],
  Child: ["firstName", "lastName", "dateOfBirth", "sex", "allocatedSocialWorker"],
  Allocation: ["workerId", "from"],
} as const;

const withChild = (...fields: string[]) => ({ ...IDENTITY, Child: [...IDENTITY.Child, ...fields] });

export const PARTNERS = {
  "northbrook-health": {
    kind: "NHS health trust (looked-after children's health team)",
    purpose: "initial and review health assessments of the children placed in its area",
    reads: {
      children: withChild("lookedAfterSince"),
      // Dates, kinds and how each due date was worked out; never notes, medical history, CAMHS,
      // substance misuse or consents (special category data, shared case by case).
      health: {
        Child: ["healthAssessments", "nextHealthAssessment", "immunisations", "healthSummary"],
        HealthAssessment: ["id", "kind", "reason", "scheduledFrom", "dueDate", "completedOn", "cancelledOn", "status", "authority", "explanation"],
        Immunisation: ["vaccine", "scheduleVaccine", "givenOn"],
        HealthSummary: ["immunisationsUpToDate", "immunisationsOutstanding", "nextDentalCheckDue"],
      },
    },
    requestsPerMinute: 120,
  },
  "riverside-school": {
    kind: "school (designated teacher for looked-after children)",
    purpose: "personal education plans, attendance and school history of its looked-after pupils",
    reads: {
      children: IDENTITY,
      education: {
        Child: ["education"],
        Education: ["currentSchool", "schools", "schoolMoves", "peps", "attendance", "specialEducationalNeeds", "exclusions"],
        SchoolEnrolment: ["schoolName", "urn", "startDate", "endDate", "designatedTeacher", "isMove"],
        PersonalEducationPlan: ["id", "kind", "emergency", "scheduledFrom", "dueDate", "completedOn", "cancelledOn", "status", "authority", "explanation"],
        Attendance: ["term", "termStart", "possibleSessions", "attendedSessions", "percentage", "persistentAbsence"],
        SpecialEducationalNeeds: ["provision", "startDate", "endDate"],
        Exclusion: ["kind", "startDate", "days"],
      },
    },
    requestsPerMinute: 120,
  },
  "county-police": {
    kind: "police force (missing persons coordinator)",
    purpose: "missing episodes and return home interviews of looked-after children (DfE 2014 guidance on children who go missing)",
    reads: {
      // Ethnicity is part of a missing person's description.
      children: withChild("ethnicity"),
      // Missing episodes only: never where the child lives or has lived.
      placements: {
        Child: ["missingEpisodes"],
        MissingEpisode: [
          "id",
          "kind",
          "startedAt",
          "endedAt",
          "returnInterviewDueAt",
          "returnInterviewOfferedAt",
          "returnInterviewHeldAt",
          "returnInterviewDeclined",
          "returnInterviewExplanation",
          "returnInterviewBy",
        ],
      },
    },
    requestsPerMinute: 60,
  },
} as const satisfies Record<string, PartnerAgency>;

export type PartnerName = keyof typeof PARTNERS;
export const PARTNER_NAMES = Object.keys(PARTNERS) as PartnerName[];

export function isPartner(value: unknown): value is PartnerName {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(PARTNERS, value);
}

const readsOf = (partner: PartnerName): PartnerReads => PARTNERS[partner].reads;

/** Whether the named agency reads the domain (an unknown or missing name reads nothing). */
export function partnerReads(partner: string | undefined, domain: AccessDomain): boolean {
  return isPartner(partner) && readsOf(partner)[domain] !== undefined;
}

/** The agencies that read the domain. */
export function partnersReading(domain: AccessDomain): PartnerName[] {
  return PARTNER_NAMES.filter((p) => partnerReads(p, domain));
}

/** The agencies shown `type.field` of a domain: those whose allow list names it. */
export function partnersShown(domain: AccessDomain, type: string, field: string): PartnerName[] {
  return PARTNER_NAMES.filter((p) => readsOf(p)[domain]?.[type]?.includes(field));
}
