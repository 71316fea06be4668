/**
 * Care plan rules (CPPCR 2010 reg 5 and Schedule 1: the plan records the child's wishes and
 * feelings and the arrangements for placement, health and education). Pure: no I/O.
 */
export interface Contribution {
  agency: string;
  summary: string;
}

/** Each recording makes the next version; earlier versions stay as they were. */
export const nextVersion = (latest: number | null) => (latest ?? 0) + 1;

/** An agency may contribute once per version; blank summaries say nothing. */
export function contributionProblem(contributions: Contribution[]): string | null {
  const seen = new Set<string>();
  for (const c of contributions) {
    const agency = c.agency.trim().toLowerCase();
    if (!agency) return "every contribution names its agency";
    if (!c.summary.trim()) return `the contribution from ${c.agency} has no summary`;
    if (seen.has(agency)) return `${c.agency} contributes more than once`;
    seen.add(agency);
  }
  return null;
}
