import { chronologyChanges, ChronologyEntry } from "../../src/events/chronology";

const entry = (entryId: string, o: Partial<ChronologyEntry> = {}): ChronologyEntry => ({
  entryId,
  kind: "PlacementStarted",
  on: "2026-06-01",
  summary: "Placed: U1",
  ...o,
});

describe("chronologyChanges", () => {
  it("records new entries, re-records changed ones, withdraws the gone, and leaves the unchanged alone", () => {
    const before = [entry("a"), entry("b"), entry("c", { at: "2026-06-01T22:10:00.000Z" })];
    const after = [entry("a"), entry("b", { on: "2026-05-29" }), entry("d")];
    const events = chronologyChanges("child-1", before, after, "placement voided");
    expect(events.map((e) => [e.type, (e.payload as { entryId: string }).entryId])).toEqual([
      ["ChronologyEntryRecorded", "b"],
      ["ChronologyEntryRecorded", "d"],
      ["ChronologyEntryWithdrawn", "c"],
    ]);
    expect(events[2]).toEqual({ type: "ChronologyEntryWithdrawn", childId: "child-1", payload: { entryId: "c", reason: "placement voided" } });
    expect(events[0]?.payload).toEqual({ entryId: "b", kind: "PlacementStarted", on: "2026-05-29", summary: "Placed: U1" });
  });

  it("a change of time of day alone, or of summary alone, is a change", () => {
    expect(chronologyChanges("c", [entry("a")], [entry("a", { at: "2026-06-01T09:00:00.000Z" })], "x")).toHaveLength(1);
    expect(chronologyChanges("c", [entry("a")], [entry("a", { summary: "Placed: U2" })], "x")).toHaveLength(1);
    expect(chronologyChanges("c", [entry("a")], [entry("a")], "x")).toEqual([]);
  });
});
