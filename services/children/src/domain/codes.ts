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

/** REC reason episode ceased (rule 149), shortened from the DfE wording for one-line summaries. */
export const REASONS_EPISODE_CEASED: Record<string, string> = {
  E11: "adopted (application unopposed)",
  E12: "adopted (consent dispensed with)",
  E13: "left care to live with parent(s), relative(s) or other person(s) without parental responsibility",
  E14: "accommodation on remand ended",
  E15: "age assessment determined the child is 18 or over",
  E16: "moved abroad",
  E17: "aged 18 or over and remained with current carers",
  E2: "died",
  E3: "care taken over by another local authority",
  E41: "residence order or child arrangement order granted",
  E45: "special guardianship order to former foster carer(s), relative or friend",
  E46: "special guardianship order to former foster carer(s), not relative or friend",
  E47: "special guardianship order to other carer(s), relative or friend",
  E48: "special guardianship order to other carer(s), not relative or friend",
  E4A: "returned home to parent(s) or others with parental responsibility, as planned",
  E4B: "returned home to parent(s) or others with parental responsibility, not as planned",
  E5: "moved into independent living with formal support",
  E6: "moved into independent living without formal support",
  E7: "transferred to residential care funded by adult social care",
  E8: "ceased for any other reason",
  E9: "sentenced to custody",
  X1: "episode ceased and a new one began the same day",
};
