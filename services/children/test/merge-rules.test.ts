import { checkMerge, checkUnmerge, MergeSide, unmergeableUntil } from "../src/domain/merge";

const side = (o: Partial<MergeSide> = {}): MergeSide => ({ id: "a", archived: false, mergedAt: null, mergedInto: 0, ...o });
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    const x = (e as { extensions?: { field?: string; rule?: string } }).extensions;
    return [x?.field, x?.rule];
  }
  return null;
};

describe("the merge rules", () => {
  it.each([
    ["a fine merge", side(), side({ id: "b" }), "same NHS number", null],
    ["the same record twice", side(), side(), "same", ["input.mergeId", "SAME_CHILD"]],
    ["keeping a merged record", side({ mergedAt: new Date("2026-12-01T10:00:00Z") }), side({ id: "b" }), "x", ["input.keepId", "ALREADY_MERGED"]],
    ["merging a merged record", side(), side({ id: "b", mergedAt: new Date("2026-12-01T10:00:00Z") }), "x", ["input.mergeId", "ALREADY_MERGED"]],
    ["merging a record others were merged into", side(), side({ id: "b", mergedInto: 1 }), "x", ["input.mergeId", "HAS_MERGED_RECORDS"]],
    ["keeping an archived record", side({ archived: true }), side({ id: "b" }), "x", ["input.keepId", "CHILD_ARCHIVED"]],
    ["merging an archived record", side(), side({ id: "b", archived: true }), "x", ["input.mergeId", "CHILD_ARCHIVED"]],
    ["no reason", side(), side({ id: "b" }), " \n ", ["input.reason", "REQUIRED"]],
    ["a reason too long", side(), side({ id: "b" }), "x".repeat(1001), ["input.reason", "MAX_LENGTH"]],
  ])("%s", (_what, keep, merge, reason, expected) => {
    expect(failure(() => checkMerge(keep, merge, reason))).toEqual(expected);
  });
});

describe("the 30 days to undo a merge (days in England)", () => {
  it.each([
    ["2026-12-01T10:00:00Z", "2026-12-31"],
    // 23:30 UTC on 30 June is 00:30 on 1 July in England (BST): the merge's day is 1 July.
    ["2026-06-30T23:30:00Z", "2026-07-31"],
  ])("merged at %s: can be undone until %s", (at, until) => {
    expect(unmergeableUntil(new Date(at))).toBe(until);
  });

  it.each([
    ["2026-12-31", null],
    ["2027-01-01", ["input.mergeId", "UNMERGE_WINDOW_PASSED"]],
  ])("on %s", (on, expected) => {
    expect(failure(() => checkUnmerge(new Date("2026-12-01T10:00:00Z"), "not the same child", on))).toEqual(expected);
  });

  it("a record never merged cannot be unmerged; a reason is needed", () => {
    expect(failure(() => checkUnmerge(null, "x", "2026-12-02"))).toEqual(["input.mergeId", "NOT_MERGED"]);
    expect(failure(() => checkUnmerge(new Date("2026-12-01T10:00:00Z"), "  ", "2026-12-02"))).toEqual(["input.reason", "REQUIRED"]);
  });
});
