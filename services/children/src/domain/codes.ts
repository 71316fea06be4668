/** DfE SSDA903 code lists the children domain records (rule numbers from the DfE validation). */

/** LS legal status (rule 144). */
export const LEGAL_STATUSES = {
  C1: "Interim care order",
  C2: "Full care order",
  D1: "Freeing order granted",
  E1: "Placement order granted",
  V2: "Single period of accommodation under section 20",
  V3: "Accommodated under an agreed series of short-term breaks, individual episodes recorded",
  V4: "Accommodated under an agreed series of short-term breaks, agreements recorded",
  L1: "Under police protection and in local authority accommodation",
  L2: "Emergency protection order",
  L3: "Under child assessment order and in local authority accommodation",
  J1: "Remanded to local authority accommodation or youth detention accommodation",
  J2: "Placed in local authority accommodation under PACE 1984",
  J3: "Sentenced to a Youth Rehabilitation Order with residence or intensive fostering requirement",
} as const;
export type LegalStatusCode = keyof typeof LEGAL_STATUSES;

/** ETHNIC (rule 103). */
export const ETHNICITIES = [
  "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
  "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
] as const;

/** UPN (rule 168): letter (not I, O, S) + 12 digits, or + 11 digits + letter; or UN1–UN5. */
export const UPN = /^([A-HJ-NP-RT-Z]\d{12}|[A-HJ-NP-RT-Z]\d{11}[A-Z]|UN[1-5])$/;
