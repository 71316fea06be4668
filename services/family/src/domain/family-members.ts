import { compareDates, formatDate, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput, TEXT_LIMITS } from "@caregraph/platform/graphql";
import { checkParentalResponsibility, ParentalResponsibility, ParentalResponsibilityBasis } from "./parental-responsibility";
import { FamilyRelationship, relationshipWords, SIBLINGS } from "./relationships";

/** Pure rules for recording a child's family members. No I/O. */

/** A person's name: not blank, at most the platform's name length. Returns it trimmed. */
export function checkName(name: string, field = "input.name"): string {
  const trimmed = name.trim();
  if (!trimmed) invalidInput(field, "REQUIRED", "give the family member's name (as the family uses it, or 'Not known')");
  if (trimmed.length > TEXT_LIMITS.NAME_MAX) invalidInput(field, "MAX_LENGTH", `at most ${TEXT_LIMITS.NAME_MAX} characters`);
  return trimmed;
}

export interface NewFamilyMember extends ParentalResponsibility {
  childId: string;
  name: string;
  relationship: FamilyRelationship;
  linkedChildId?: string | null;
}

export interface ExistingMember {
  relationship: FamilyRelationship;
  linkedChildId: string | null;
}

/**
 * Everything about a new member that can be checked without the database, against the members
 * already recorded: name, parental responsibility, the sibling link, one birth mother.
 * (Whether the linked child exists is the caller's check: `linkedChildId` must be a known child.)
 */
export function checkNewFamilyMember(m: NewFamilyMember, existing: ExistingMember[]): void {
  checkName(m.name);
  checkParentalResponsibility(m.relationship, m);
  if (m.linkedChildId) {
    if (m.linkedChildId.toLowerCase() === m.childId.toLowerCase()) {
      invalidInput("input.linkedChildId", "NOT_THE_CHILD_ITSELF", "a child cannot be linked as their own family member");
    }
    if (!SIBLINGS.includes(m.relationship)) {
      invalidInput(
        "input.linkedChildId",
        "LINKED_CHILD_SIBLINGS_ONLY",
        `only a sibling, half-sibling or step-sibling is linked to their own record in CareGraph, not a ${relationshipWords(m.relationship)}`,
      );
    }
    if (existing.some((e) => e.linkedChildId?.toLowerCase() === m.linkedChildId?.toLowerCase())) {
      invalidInput("input.linkedChildId", "ALREADY_LINKED", "that child is already recorded as a member of this child's family");
    }
  }
  // A child has one birth mother: an adoptive mother is ADOPTIVE_PARENT, a stepmother STEP_PARENT.
  // (Fathers are not limited: a family may name more than one possible father before parentage is known.)
  if (m.relationship === "MOTHER" && existing.some((e) => e.relationship === "MOTHER")) {
    invalidInput("input.relationship", "ONE_MOTHER", "the child's mother is already recorded; an adoptive mother is ADOPTIVE_PARENT, a stepmother STEP_PARENT");
  }
}

export interface ParentalResponsibilityChange extends ParentalResponsibility {
  effectiveOn: LocalDate;
}

/**
 * A change to a member's PR (acquired, basis changed, or ended): it must be a possible PR for the
 * relationship, a real change, and dated between the child's birth and today.
 */
export function checkParentalResponsibilityChange(
  relationship: FamilyRelationship,
  now: { hasParentalResponsibility: boolean; parentalResponsibilityBasis: ParentalResponsibilityBasis | null },
  change: ParentalResponsibilityChange,
  child: { dateOfBirth: LocalDate },
  today: LocalDate,
): void {
  checkParentalResponsibility(relationship, change);
  if (compareDates(change.effectiveOn, today) > 0) invalidInput("input.effectiveOn", "NOT_IN_FUTURE", "record a change of parental responsibility once it has taken effect");
  if (compareDates(change.effectiveOn, child.dateOfBirth) < 0) {
    invalidInput("input.effectiveOn", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${formatDate(child.dateOfBirth)})`);
  }
  if (now.hasParentalResponsibility === change.hasParentalResponsibility && now.parentalResponsibilityBasis === (change.parentalResponsibilityBasis ?? null)) {
    invalidInput("input.hasParentalResponsibility", "NO_CHANGE", "this is the parental responsibility already recorded for this family member");
  }
}
