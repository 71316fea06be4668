import { addDays, compareDates, LocalDate, todayInEngland } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";

/**
 * Merging two records of one child (issue 12). No statute governs it: the rules below are this
 * service's (a local authority's record keeping, Children Act 1989 Sch 2 para 1 and the care
 * planning regulations assume one record per child; the 30-day window is the product's choice,
 * not a statutory period).
 */
export interface MergeSide {
  id: string;
  archived: boolean;
  /** When this record was merged into another (it answers as that child now). */
  mergedAt: Date | null;
  /** How many records were merged into this one. */
  mergedInto: number;
}

export const UNMERGE_DAYS = 30;
export const REASON_MAX = 1000;

/** Throws BAD_USER_INPUT naming the field and the first rule the merge breaks. */
export function checkMerge(keep: MergeSide, merge: MergeSide, reason: string): string {
  const why = reason.trim();
  if (keep.id === merge.id) invalidInput("input.mergeId", "SAME_CHILD", "is the same child as input.keepId: name the two records of the child");
  if (keep.mergedAt) invalidInput("input.keepId", "ALREADY_MERGED", `this record was merged into another on ${todayInEngland(keep.mergedAt)}; keep that one`);
  if (merge.mergedAt) invalidInput("input.mergeId", "ALREADY_MERGED", `this record was already merged into another on ${todayInEngland(merge.mergedAt)}`);
  // Merges never chain (one step from a merged id to the kept child): the records merged into this one would be left pointing at a merged record.
  if (merge.mergedInto > 0) invalidInput("input.mergeId", "HAS_MERGED_RECORDS", "other records were merged into this one: keep this one (swap keepId and mergeId) or unmerge them first");
  if (keep.archived) invalidInput("input.keepId", "CHILD_ARCHIVED", "this child's record is archived; restore it before merging");
  if (merge.archived) invalidInput("input.mergeId", "CHILD_ARCHIVED", "this child's record is archived; restore it before merging");
  if (!why) invalidInput("input.reason", "REQUIRED", "say why these are the same child (kept on the record and in the audit trail)");
  if (why.length > REASON_MAX) invalidInput("input.reason", "MAX_LENGTH", `at most ${REASON_MAX} characters`);
  return why;
}

/** The last day a merge may be undone: 30 days after the day (in England) it was made. */
export const unmergeableUntil = (mergedAt: Date): LocalDate => addDays(todayInEngland(mergedAt), UNMERGE_DAYS);

/** Throws BAD_USER_INPUT unless the record was merged and the window to undo it is open on `on`. */
export function checkUnmerge(mergedAt: Date | null, reason: string, on: LocalDate): string {
  if (!mergedAt) invalidInput("input.mergeId", "NOT_MERGED", "this record was not merged into another");
  const until = unmergeableUntil(mergedAt);
  if (compareDates(on, until) > 0) {
    invalidInput("input.mergeId", "UNMERGE_WINDOW_PASSED", `a merge can be undone for ${UNMERGE_DAYS} days; this one (made on ${todayInEngland(mergedAt)}) could be undone until ${until}`);
  }
  const why = reason.trim();
  if (!why) invalidInput("input.reason", "REQUIRED", "say why the merge is undone (kept in the audit trail)");
  if (why.length > REASON_MAX) invalidInput("input.reason", "MAX_LENGTH", `at most ${REASON_MAX} characters`);
  return why;
}
