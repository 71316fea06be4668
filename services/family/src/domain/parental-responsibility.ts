import { invalidInput } from "@caregraph/platform/graphql";
import { FamilyRelationship, relationshipWords } from "./relationships";

/**
 * Who holds parental responsibility (PR) for a child, and on what basis, under the Children Act
 * 1989 ("CA 1989") and the Adoption and Children Act 2002 ("ACA 2002"). Pure rules, no I/O.
 */
export const PR_BASES = [
  "BIRTH_MOTHER",
  "MARRIED_FATHER",
  "FATHER_ON_BIRTH_CERTIFICATE",
  "SECOND_FEMALE_PARENT_MARRIED_OR_CIVIL_PARTNER",
  "SECOND_FEMALE_PARENT_ON_BIRTH_CERTIFICATE",
  "PARENTAL_RESPONSIBILITY_AGREEMENT",
  "PARENTAL_RESPONSIBILITY_ORDER",
  "ADOPTION_ORDER",
  "GUARDIAN_APPOINTED",
  "SPECIAL_GUARDIANSHIP_ORDER",
  "CHILD_ARRANGEMENTS_ORDER_RESIDENCE",
  "CARE_ORDER_LOCAL_AUTHORITY",
  "PLACEMENT_ORDER_LOCAL_AUTHORITY",
  "EMERGENCY_PROTECTION_ORDER_LOCAL_AUTHORITY",
] as const;
export type ParentalResponsibilityBasis = (typeof PR_BASES)[number];

/** The bases only a local authority can hold: the authority is a node of the family tree, never a family member. */
export const LOCAL_AUTHORITY_BASES: readonly ParentalResponsibilityBasis[] = [
  "CARE_ORDER_LOCAL_AUTHORITY",
  "PLACEMENT_ORDER_LOCAL_AUTHORITY",
  "EMERGENCY_PROTECTION_ORDER_LOCAL_AUTHORITY",
];

/** Plain words for a basis (chronology summaries, messages). */
export const BASIS_WORDS: Record<ParentalResponsibilityBasis, string> = {
  BIRTH_MOTHER: "birth mother",
  MARRIED_FATHER: "father married to the mother",
  FATHER_ON_BIRTH_CERTIFICATE: "father registered on the birth certificate",
  SECOND_FEMALE_PARENT_MARRIED_OR_CIVIL_PARTNER: "second female parent married to, or the civil partner of, the mother",
  SECOND_FEMALE_PARENT_ON_BIRTH_CERTIFICATE: "second female parent registered on the birth certificate",
  PARENTAL_RESPONSIBILITY_AGREEMENT: "parental responsibility agreement",
  PARENTAL_RESPONSIBILITY_ORDER: "parental responsibility order",
  ADOPTION_ORDER: "adoption order",
  GUARDIAN_APPOINTED: "appointed guardian",
  SPECIAL_GUARDIANSHIP_ORDER: "special guardianship order",
  CHILD_ARRANGEMENTS_ORDER_RESIDENCE: "child arrangements order (lives with)",
  CARE_ORDER_LOCAL_AUTHORITY: "care order",
  PLACEMENT_ORDER_LOCAL_AUTHORITY: "placement order",
  EMERGENCY_PROTECTION_ORDER_LOCAL_AUTHORITY: "emergency protection order",
};

/** The orders and appointments by which someone who is not a parent gets PR. */
const NON_PARENT: ParentalResponsibilityBasis[] = [
  // CA 1989 s.5(6): a guardian appointed under s.5 has PR. (A parent with PR is not appointed guardian.)
  "GUARDIAN_APPOINTED",
  // CA 1989 s.14C(1)(a): a special guardian has PR; s.14A(2)(b): a parent cannot be one.
  "SPECIAL_GUARDIANSHIP_ORDER",
  // CA 1989 s.12(2): a person who is not a parent or guardian, named in a child arrangements order
  // as someone the child lives with, has PR while the order lasts. (s.12(2A) — PR given to a
  // non-parent named only to spend time with the child — is not modelled: unsure how often used.)
  "CHILD_ARRANGEMENTS_ORDER_RESIDENCE",
];

/**
 * Which bases fit which relationship. One table to change if the law (or our reading) changes.
 * - MOTHER: CA 1989 s.2(1), (2)(a) — the mother always has PR (lost only by adoption, ACA 2002
 *   s.46(2)(a), or a parental order). Nothing else: a woman caring under an order is not "MOTHER".
 * - FATHER: s.2(1) married to the mother at the birth (or later: Family Law Reform Act 1987 s.1);
 *   s.4(1)(a) registered on the birth certificate (births registered from 1 Dec 2003); s.4(1)(b)
 *   PR agreement with the mother; s.4(1)(c) PR order. A father the child is to live with under a
 *   child arrangements order gets a s.4 order with it (s.12(1)): record PARENTAL_RESPONSIBILITY_ORDER.
 * - SECOND_FEMALE_PARENT (Human Fertilisation and Embryology Act 2008 s.43): s.2(1A) married to or
 *   the civil partner of the mother; s.4ZA(1)(a) registered; (b) agreement; (c) order.
 * - STEP_PARENT: s.4A(1)(a) agreement with the parents who have PR, (b) order; or, not being a
 *   parent, any of the non-parent routes.
 * - ADOPTIVE_PARENT: ACA 2002 s.46(1), an adoption order.
 * - Everyone else (siblings, grandparents, aunts and uncles, cousins, friends, others): the
 *   non-parent routes only. Unsure: whether a parent without PR may be appointed guardian (s.5(1))
 *   is not settled here, so GUARDIAN_APPOINTED is refused for parents.
 */
export const BASES_FOR: Record<FamilyRelationship, readonly ParentalResponsibilityBasis[]> = {
  MOTHER: ["BIRTH_MOTHER"],
  FATHER: ["MARRIED_FATHER", "FATHER_ON_BIRTH_CERTIFICATE", "PARENTAL_RESPONSIBILITY_AGREEMENT", "PARENTAL_RESPONSIBILITY_ORDER"],
  SECOND_FEMALE_PARENT: [
    "SECOND_FEMALE_PARENT_MARRIED_OR_CIVIL_PARTNER",
    "SECOND_FEMALE_PARENT_ON_BIRTH_CERTIFICATE",
    "PARENTAL_RESPONSIBILITY_AGREEMENT",
    "PARENTAL_RESPONSIBILITY_ORDER",
  ],
  ADOPTIVE_PARENT: ["ADOPTION_ORDER"],
  STEP_PARENT: ["PARENTAL_RESPONSIBILITY_AGREEMENT", "PARENTAL_RESPONSIBILITY_ORDER", ...NON_PARENT],
  SIBLING: NON_PARENT,
  HALF_SIBLING: NON_PARENT,
  STEP_SIBLING: NON_PARENT,
  GRANDPARENT: NON_PARENT,
  AUNT_UNCLE: NON_PARENT,
  COUSIN: NON_PARENT,
  FAMILY_FRIEND: NON_PARENT,
  OTHER: NON_PARENT,
};

export interface ParentalResponsibility {
  hasParentalResponsibility: boolean;
  parentalResponsibilityBasis?: ParentalResponsibilityBasis | null;
}

/**
 * A family member's PR as recorded must be complete and possible: PR needs a basis, a basis needs
 * PR, the basis must be one open to the relationship, and the local authority's PR is never a
 * family member's. `field` is the basis's input path.
 */
export function checkParentalResponsibility(relationship: FamilyRelationship, pr: ParentalResponsibility, field = "input.parentalResponsibilityBasis"): void {
  const basis = pr.parentalResponsibilityBasis ?? null;
  if (pr.hasParentalResponsibility && !basis) {
    invalidInput(field, "PR_BASIS_REQUIRED", "say on what basis this person holds parental responsibility (e.g. BIRTH_MOTHER, PARENTAL_RESPONSIBILITY_ORDER)");
  }
  if (!basis) return;
  if (!pr.hasParentalResponsibility) {
    invalidInput(field, "PR_BASIS_WITHOUT_PR", "a basis is given only for someone who holds parental responsibility: set hasParentalResponsibility, or leave the basis out");
  }
  if (LOCAL_AUTHORITY_BASES.includes(basis)) {
    invalidInput(
      field,
      "LOCAL_AUTHORITY_PR_NOT_A_FAMILY_MEMBER",
      `${BASIS_WORDS[basis]}: that parental responsibility is the local authority's (CA 1989 s.33(3)); it follows from the child's legal status, not from a family member`,
    );
  }
  if (!BASES_FOR[relationship].includes(basis)) {
    invalidInput(
      field,
      "PR_BASIS_NOT_FOR_RELATIONSHIP",
      `a ${relationshipWords(relationship)} cannot hold parental responsibility as ${BASIS_WORDS[basis]}; open to a ${relationshipWords(relationship)}: ${BASES_FOR[relationship].join(", ")}`,
    );
  }
}

/**
 * The local authority's PR from the child's DfE legal status (LS), or null:
 * - C1 interim care order, C2 full care order: CA 1989 s.33(3)(a) (s.31(11): "care order"
 *   includes an interim care order);
 * - E1 placement order: ACA 2002 s.25(2); D1 freeing order (Adoption Act 1976 s.18, before 2005)
 *   also gave the agency PR and is grouped with it;
 * - L2 emergency protection order: CA 1989 s.44(4)(c) gives the applicant PR, limited to what the
 *   child's welfare reasonably requires (s.44(5)(b)). Assumed: the local authority applied (the
 *   child is in its accommodation); an NSPCC application would be wrong here.
 * Accommodation under s.20 (V2–V4), police protection (L1), child assessment orders (L3), remand and
 * PACE (J1–J3) give the authority no PR.
 */
export function localAuthorityBasis(legalStatus: string | null | undefined): ParentalResponsibilityBasis | null {
  switch (legalStatus) {
    case "C1":
    case "C2":
      return "CARE_ORDER_LOCAL_AUTHORITY";
    case "E1":
    case "D1":
      return "PLACEMENT_ORDER_LOCAL_AUTHORITY";
    case "L2":
      return "EMERGENCY_PROTECTION_ORDER_LOCAL_AUTHORITY";
    default:
      return null;
  }
}
