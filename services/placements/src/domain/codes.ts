/** DfE SSDA903 code lists for placements (collection year 2025/26; rule numbers from DfE validation). */

/** PLACE (rule 146), lac2025_26 list. */
export const PLACEMENT_TYPES = {
  A3: "Placed for adoption with consent, with current foster carers",
  A4: "Placed for adoption with consent, not with current foster carers",
  A5: "Placed for adoption with placement order, with current foster carers",
  A6: "Placed for adoption with placement order, not with current foster carers",
  K1: "Secure children's home",
  K2: "Children's home (Children's Homes Regulations)",
  K3: "Registered supported accommodation",
  P1: "Placed with parent(s) or other person with parental responsibility",
  P3: "Residential employment",
  R1: "Residential care home",
  R2: "NHS or health trust establishment",
  R3: "Family centre or mother and baby unit",
  R5: "Young offender institution or prison",
  S1: "Residential school",
  T0: "Temporary placement (all types)",
  T1: "Temporary placement in hospital",
  T2: "Temporary placement on the child's holiday",
  T3: "Temporary placement while the carer is on holiday",
  T4: "Temporary placement of 7 days or less (other)",
  U1: "Foster placement with relative or friend, long-term fostering",
  U2: "Foster placement with relative or friend who is also an approved adopter (FfA/concurrent)",
  U3: "Foster placement with relative or friend, not long-term or FfA/concurrent",
  U4: "Foster placement with other foster carer, long-term fostering",
  U5: "Foster placement with other foster carer who is also an approved adopter (FfA/concurrent)",
  U6: "Foster placement with other foster carer, not long-term or FfA/concurrent",
  Z11: "Other placement (Z11)",
  Z12: "Other placement (Z12)",
  Z13: "Other placement (Z13)",
  Z14: "Other placement (Z14)",
} as const;
export type PlacementType = keyof typeof PLACEMENT_TYPES;

/** PLACE_PROVIDER (rule 178). */
export const PROVIDERS = {
  PR0: "Parent(s) or other person with parental responsibility",
  PR1: "Own local authority provision",
  PR2: "Other local authority provision",
  PR3: "Other public provision",
  PR4: "Private provision",
  PR5: "Voluntary or third sector provision",
} as const;
export type Provider = keyof typeof PROVIDERS;

/** REASON_PLACE_CHANGE (rule 1009). */
export const CHANGE_REASONS = {
  CARPL: "Change to the care plan",
  ALLEG: "Allegation (s47)",
  STAND: "Standards of care concern",
  APPRR: "Carer's approval removed",
  CREQB: "Carer requests placement end: child's behaviour",
  CREQO: "Carer requests placement end: other reason",
  CHILD: "Child requests placement end",
  LAREQ: "Responsible authority requests placement end",
  PLACE: "Change in the status of the placement only",
  CUSTOD: "Child moved into custody",
  CLOSE: "Carer resigns or placement closes",
  OTHER: "Other",
} as const;
export type ChangeReason = keyof typeof CHANGE_REASONS;

/** Placement types that take no provider (rule 213: PLACE_PROVIDER not required). */
export const NO_PROVIDER: readonly PlacementType[] = ["T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"];
/** Temporary placements: a move into one has no reason for change (rule 226). */
export const TEMPORARY: readonly PlacementType[] = ["T0", "T1", "T2", "T3", "T4"];

/** Foster placements with a relative or friend (U1–U3): the codes a connected person's placement takes (CPPCR 2010 reg 24). */
export const CONNECTED_PERSON: readonly PlacementType[] = ["U1", "U2", "U3"];

/**
 * The long-term foster PLACE codes (lac2025_26 list): U1 "foster placement with relative or friend,
 * long-term fostering" and U4 "foster placement with other foster carer, long-term fostering".
 */
export const LONG_TERM_FOSTER: readonly PlacementType[] = ["U1", "U4"];

/**
 * Whether a placement is intended to last until the child is 18 (CPPCR 2010 reg 28(2): after the
 * placement's first year, visits at intervals of not more than 3 months instead of 6 weeks), when
 * the social worker does not say: true for the long-term foster codes, false for every other.
 *
 * Judgement, not DfE rule: the SSDA903 return records no such flag. A long-term foster code is the
 * only PLACE code whose DfE wording states the intention; adoption placements (A3–A6) lead to an
 * adoption order rather than care until 18, and a placement with parents (P1) or a children's home
 * may be intended to last until 18 only as the care plan says — so the caller can always override.
 */
export function intendedToLastUntil18ByDefault(type: PlacementType): boolean {
  return LONG_TERM_FOSTER.includes(type);
}
