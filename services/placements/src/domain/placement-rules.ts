import { OFSTED_URN } from "@caregraph/platform";
import { ageOn, compareDates, LocalDate } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { ChangeReason, NO_PROVIDER, PlacementType, Provider, TEMPORARY } from "./codes";

/** A placement occupies [startDate, endDate): a move ends one and starts the next on the same day. */
export interface Period {
  startDate: LocalDate;
  endDate: LocalDate | null;
}

export interface NewPlacement {
  type: PlacementType;
  startDate: LocalDate;
  /** Only for recording a past placement; a current one is open-ended. */
  endDate?: LocalDate | null;
  provider?: Provider | null;
  postcode?: string | null;
}

/** Checks a placement starting (open-ended) against the child and their existing placements. */
export function checkNewPlacement(p: NewPlacement, dateOfBirth: LocalDate, existing: Period[], field = "input.startDate"): void {
  if (compareDates(p.startDate, dateOfBirth) < 0) {
    invalidInput(field, "START_NOT_BEFORE_BIRTH", `a placement cannot start before the child's date of birth (${dateOfBirth})`);
  }
  if (p.endDate && compareDates(p.endDate, p.startDate) < 0) {
    invalidInput("input.endDate", "END_NOT_BEFORE_START", "cannot be before the start date");
  }
  const clash = existing.find((e) => overlaps({ startDate: p.startDate, endDate: p.endDate ?? null }, e));
  if (clash) {
    invalidInput(
      field,
      "PLACEMENT_OVERLAP",
      clash.endDate === null
        ? `the child is already in a placement since ${clash.startDate}; use changePlacement to move them`
        : `overlaps the placement from ${clash.startDate} to ${clash.endDate}`,
    );
  }
  checkProvider(p.type, p.provider ?? null);
}

/** A move ends the current placement on `date` and starts the next the same day. */
export function checkMove(current: Period | null, date: LocalDate, next: NewPlacement, reason: ChangeReason | null, dateOfBirth: LocalDate): void {
  if (!current || current.endDate !== null) {
    invalidInput("input.childId", "HAS_CURRENT_PLACEMENT", "the child has no current placement to change; use startPlacement");
  }
  if (compareDates(date, current.startDate) < 0) {
    invalidInput("input.date", "END_NOT_BEFORE_START", `the current placement started ${current.startDate}; it cannot end before then`);
  }
  if (reason === "CUSTOD" && ageOn(dateOfBirth, date) < 10) {
    invalidInput("input.reason", "CUSTODY_UNDER_10", "a child under 10 cannot be moved into custody (DfE rule 234)");
  }
  if (reason && TEMPORARY.includes(next.type)) {
    invalidInput("input.reason", "NO_REASON_FOR_TEMPORARY", "a move into a temporary placement (T0–T4) takes no reason for change (DfE rule 226)");
  }
  checkProvider(next.type, next.provider ?? null);
}

/** An end date on or after the start (a same-day placement is possible, never a negative one). */
export function checkEnd(current: Period | null, endDate: LocalDate): asserts current is Period {
  if (!current || current.endDate !== null) {
    invalidInput("input.childId", "HAS_CURRENT_PLACEMENT", "the child has no current placement to end");
  }
  if (compareDates(endDate, current.startDate) < 0) {
    invalidInput("input.endDate", "END_NOT_BEFORE_START", `cannot be before the placement started (${current.startDate})`);
  }
}

/**
 * A placement is where a looked-after child lives: Children Act 1989 s22C and CPPCR 2010 reg 9 place
 * a child the authority looks after, and the SSDA903 episode (DECOM) starts within a period of care.
 * So a child not looked after has no placement, and none starts before the child became looked after.
 */
export function checkLookedAfter(lookedAfterSince: LocalDate | null, startDate: LocalDate, field = "input.startDate"): void {
  if (!lookedAfterSince) {
    invalidInput("input.childId", "NOT_LOOKED_AFTER", "the child is not looked after; record their legal status (the start of care) first");
  }
  if (compareDates(startDate, lookedAfterSince) < 0) {
    invalidInput(field, "BEFORE_LOOKED_AFTER", `the child has been looked after since ${lookedAfterSince}; a placement cannot start before then`);
  }
}

/** A placement as corrected, with what the rules need to know about its neighbours. */
export interface AmendedPlacement extends NewPlacement {
  endDate: LocalDate | null;
  /** REASON_PLACE_CHANGE recorded on this placement (it ended in a move). */
  reasonForChange: ChangeReason | null;
  /** The placement this one replaced in a move was given a reason for change. */
  movedInWithReason: boolean;
  /** The start date before the correction (whether it lies in the current period of care). */
  originalStartDate: LocalDate;
}

/**
 * Every placement rule, checked again on the corrected history: `others` are the child's other
 * placements (voided ones left out). A placement from an earlier period of care (it started before
 * the current one) is not held to the current period's start date.
 */
export function checkAmendment(p: AmendedPlacement, others: Period[], dateOfBirth: LocalDate, lookedAfterSince: LocalDate | null): void {
  checkNewPlacement(p, dateOfBirth, others);
  if (lookedAfterSince && compareDates(p.originalStartDate, lookedAfterSince) >= 0) checkLookedAfter(lookedAfterSince, p.startDate);
  if (p.reasonForChange === "CUSTOD" && p.endDate && ageOn(dateOfBirth, p.endDate) < 10) {
    invalidInput("input.endDate", "CUSTODY_UNDER_10", "a child under 10 cannot be moved into custody (DfE rule 234)");
  }
  if (p.movedInWithReason && TEMPORARY.includes(p.type)) {
    invalidInput("input.type", "NO_REASON_FOR_TEMPORARY", "a move into a temporary placement (T0–T4) takes no reason for change (DfE rule 226)");
  }
}

/**
 * A move is one day: the placement that ends and the one that starts share it (CPPCR 2010 reg 9/11,
 * one change of placement). So correcting the day a placement began moves the end of the one it
 * replaced, and correcting the day it ended moves the start of the one that followed. Returns the
 * neighbours' corrected periods, refusing a correction that would turn a neighbour inside out.
 */
export function followMove(
  before: Period,
  after: Period,
  previous: Period | null,
  next: Period | null,
): { previous: Period | null; next: Period | null } {
  const startMoved = previous && compareDates(before.startDate, after.startDate) !== 0;
  const endMoved = next && before.endDate && after.endDate && compareDates(before.endDate, after.endDate) !== 0;
  const prev = startMoved ? { ...previous, endDate: after.startDate } : null;
  const following = endMoved ? { ...next, startDate: after.endDate! } : null;
  if (prev && compareDates(prev.endDate, prev.startDate) < 0) {
    invalidInput("input.startDate", "END_NOT_BEFORE_START", `the placement this one replaced started ${prev.startDate}; the move cannot be before then`);
  }
  if (following?.endDate && compareDates(following.endDate, following.startDate) < 0) {
    invalidInput("input.endDate", "END_NOT_BEFORE_START", `the next placement ended ${following.endDate}; the move cannot be after then`);
  }
  return { previous: prev, next: following };
}

function checkProvider(type: PlacementType, provider: Provider | null): void {
  if (provider && NO_PROVIDER.includes(type)) {
    invalidInput("input.provider", "PROVIDER_NOT_REQUIRED", `a ${type} placement has no provider (DfE rule 213)`);
  }
}

export function overlaps(a: Period, b: Period): boolean {
  const aEndsAfterBStarts = a.endDate === null || compareDates(a.endDate, b.startDate) > 0;
  const bEndsAfterAStarts = b.endDate === null || compareDates(b.endDate, a.startDate) > 0;
  return aEndsAfterBStarts && bEndsAfterAStarts;
}

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;

/** A UK postcode in its standard form ("SW1A 1AA"); null when blank. */
export function normalisePostcode(value: string | null | undefined, field = "input.postcode"): string | null {
  const v = value?.trim().toUpperCase();
  if (!v) return null;
  const m = POSTCODE.exec(v);
  if (!m) return invalidInput(field, "POSTCODE_FORMAT", "is not a UK postcode (e.g. TW9 1AA)");
  return `${m[1]} ${m[2]}`;
}

/**
 * An Ofsted unique reference number for a children's home ("SC" and six digits, as on the Ofsted
 * register of social care providers); null when blank. Residential staff are scoped by it.
 */
export function normaliseUrn(value: string | null | undefined, field = "input.urn"): string | null {
  const v = value?.trim().toUpperCase();
  if (!v) return null;
  if (!OFSTED_URN.test(v)) return invalidInput(field, "OFSTED_URN", "is not an Ofsted URN of a children's home (SC and six digits, e.g. SC123456)");
  return v;
}
