/** How a family member is related to the child: the words a social worker uses. */
export const RELATIONSHIPS = [
  "MOTHER",
  "FATHER",
  "SECOND_FEMALE_PARENT",
  "ADOPTIVE_PARENT",
  "STEP_PARENT",
  "SIBLING",
  "HALF_SIBLING",
  "STEP_SIBLING",
  "GRANDPARENT",
  "AUNT_UNCLE",
  "COUSIN",
  "FAMILY_FRIEND",
  "OTHER",
] as const;
export type FamilyRelationship = (typeof RELATIONSHIPS)[number];

const WORDS: Record<FamilyRelationship, string> = {
  MOTHER: "mother",
  FATHER: "father",
  SECOND_FEMALE_PARENT: "second female parent",
  ADOPTIVE_PARENT: "adoptive parent",
  STEP_PARENT: "step-parent",
  SIBLING: "sibling",
  HALF_SIBLING: "half-sibling",
  STEP_SIBLING: "step-sibling",
  GRANDPARENT: "grandparent",
  AUNT_UNCLE: "aunt or uncle",
  COUSIN: "cousin",
  FAMILY_FRIEND: "family friend",
  OTHER: "other connected person",
};

export const relationshipWords = (r: FamilyRelationship): string => WORDS[r];

/** "Mother", "Half-sibling": the start of a chronology line. */
export const relationshipTitle = (r: FamilyRelationship): string => WORDS[r].charAt(0).toUpperCase() + WORDS[r].slice(1);

/** The relationships a member linked to another child in CareGraph may have: brothers and sisters. */
export const SIBLINGS: readonly FamilyRelationship[] = ["SIBLING", "HALF_SIBLING", "STEP_SIBLING"];

/** Parents first, then siblings, then the wider family: the order a family tree is read in. */
export const relationshipRank = (r: FamilyRelationship): number => RELATIONSHIPS.indexOf(r);
