import { ChildDirectory, ChildScope, Domain, DOMAINS, Identity, mayRead, mayReadField, RawSql, scopeOf } from "@caregraph/platform";

/**
 * Entries of a domain that a caller who reads only some of its fields (R* in the matrix) may
 * still be shown: the entry's kind and the field at its source that it tells of. Health
 * professionals know a child is on a child protection plan, its category and dates (matrix.ts:
 * ChildProtectionPlan.*), not the concerns, enquiries or conferences behind it — so of
 * safeguarding's entries they see the plan's start and end only. (The safeguarding domain writes
 * every summary with categories and dates alone, but whether a conference was held or a concern
 * raised is itself what the matrix keeps from them.)
 */
export const PARTIAL_READS: Partial<Record<Domain, Record<string, [type: string, field: string]>>> = {
  safeguarding: {
    ChildProtectionPlanStarted: ["ChildProtectionPlan", "startDate"],
    ChildProtectionPlanEnded: ["ChildProtectionPlan", "endDate"],
  },
};

/** What of a chronology the caller may be shown: whole domains, and single kinds of others. */
export interface Readable {
  domains: Domain[];
  /** "domain kind" pairs. */
  kinds: string[];
}

export const kindKey = (domain: string, kind: string) => `${domain} ${kind}`;

/** By the role matrix alone: the domains the caller reads, and the kinds they may read of others. */
export function readableByRole(identity: Identity | null): Readable {
  const domains = DOMAINS.filter((d) => mayRead(identity, d));
  const kinds = DOMAINS.filter((d) => !domains.includes(d)).flatMap((d) =>
    Object.entries(PARTIAL_READS[d] ?? {})
      .filter(([, [type, field]]) => mayReadField(identity, d, type, field))
      .map(([kind]) => kindKey(d, kind)),
  );
  return { domains, kinds };
}

const sameScope = (a: ChildScope, b: ChildScope) => a.all === b.all && a.any === b.any && a.allocatedTo === b.allocatedTo && a.home === b.home;

/**
 * Per request: what of each child's chronology the caller may be shown. The child itself has
 * passed the children domain's scope check (it resolved); a domain whose readers among the
 * caller's roles have a narrower scope (a token that is both an IRO and an education coordinator
 * reads health as the IRO: allocated children only) is shown only for children inside that scope,
 * as that domain's own subgraph would. With one role every domain's scope is the same: no query.
 */
export function chronologyAccess(db: RawSql, identity: Identity | null, directory: ChildDirectory) {
  const byRole = readableByRole(identity);
  const childScope = scopeOf(identity, "children");
  const narrower = DOMAINS.filter((d) => (byRole.domains.includes(d) || byRole.kinds.some((k) => k.startsWith(`${d} `))) && !sameScope(scopeOf(identity, d), childScope));
  const visible = new Map(narrower.map((d) => [d, directory.visibility(db, identity, d)]));
  return async (childId: string): Promise<Readable> => {
    if (!narrower.length) return byRole;
    const hidden = new Set<string>();
    await Promise.all(narrower.map(async (d) => (await visible.get(d)!.load(childId)) || hidden.add(d)));
    return {
      domains: byRole.domains.filter((d) => !hidden.has(d)),
      kinds: byRole.kinds.filter((k) => !hidden.has(k.split(" ")[0]!)),
    };
  };
}
