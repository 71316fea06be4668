import { fromUtc, toUtc } from "@caregraph/platform/calendar";
import { NotFoundError } from "@caregraph/platform/graphql";
import type { Context } from "./context";
import { directory } from "./context";
import { candidateDates, Identifying, scoreDuplicate, THRESHOLD } from "./domain/duplicate-score";
import type { Child, Prisma } from "./generated/prisma/client";

/** A candidate as the resolvers receive it; `childId` puts every candidate shown in the read audit. */
export interface Candidate {
  childId: string;
  score: number;
  reasons: string[];
  child: Child;
}

const identifying = (c: Child): Identifying => ({
  firstName: c.firstName,
  lastName: c.lastName,
  dateOfBirth: fromUtc(c.dateOfBirth),
  nhsNumber: c.nhsNumber,
  upn: c.upn,
});

/**
 * The other children of the caller's local authority (those they may be shown) who may be this
 * child, most alike first. Only children sharing an NHS number, a UPN or a (near) date of birth
 * can reach the threshold (see POINTS), so only those are fetched.
 */
export async function possibleDuplicates(ctx: Context, childId: string): Promise<Candidate[]> {
  const child = await ctx.children.load(childId);
  if (!child) throw new NotFoundError("childId", "child");
  const only = await directory.scopedIds(ctx.deps.db, ctx.identity);
  const near: Prisma.ChildWhereInput[] = [{ dateOfBirth: { in: candidateDates(fromUtc(child.dateOfBirth)).map(toUtc) } }];
  if (child.nhsNumber) near.push({ nhsNumber: child.nhsNumber });
  if (child.upn) near.push({ upn: child.upn });
  const others = await ctx.deps.db.child.findMany({
    where: {
      tenant: ctx.tenant,
      mergedInto: null, // already merged: not a candidate again
      id: only ? { in: only.filter((id) => id !== child.id) } : { not: child.id },
      ...(ctx.seesArchived ? {} : { archivedAt: null }),
      OR: near,
    },
  });
  const me = identifying(child);
  return others
    .map((other) => ({ childId: other.id, child: other, ...scoreDuplicate(me, identifying(other)) }))
    .filter((c) => c.score >= THRESHOLD)
    .sort((a, b) => b.score - a.score || a.child.lastName.localeCompare(b.child.lastName) || a.child.firstName.localeCompare(b.child.firstName) || a.childId.localeCompare(b.childId));
}
