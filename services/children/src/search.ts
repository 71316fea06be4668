import { toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { searchWords } from "./domain/names";
import type { ChildSearchInput } from "./generated/graphql";
import type { Child, Prisma, PrismaClient } from "./generated/prisma/client";
import { UUID } from "./store";

/**
 * Keyset pagination in name order (last, first, id): stable while records are added. A cursor
 * is the child's id only (base64url) — no names in URLs or logs; the next page looks up that
 * child's sort key.
 */
export async function searchChildren(
  db: PrismaClient,
  tenant: string,
  search: ChildSearchInput,
  first: number,
  after: string | null,
  /** The children the caller may be shown, or null for the whole tenant (scoped roles, see the access matrix). */
  only: string[] | null = null,
) {
  // A merged record is no longer listed: its id answers as the kept child.
  const where: Prisma.ChildWhereInput[] = [{ tenant, mergedInto: null }];
  if (only) where.push({ id: { in: only } });
  if (!search.includeArchived) where.push({ archivedAt: null });
  // Every word of the query occurs in the normalised first + last name: "callum copp", "copper", "zoe".
  // Words are only letters and digits (normaliseName), so no LIKE wildcard ("%", "_") or escape
  // ever reaches the database; a name given with no letter or digit at all ("%", "_", "**") is
  // refused rather than read as "no filter", which would list every child.
  const words = searchWords(search.name ?? "");
  if (search.name?.trim() && words.length === 0) {
    invalidInput("search.name", "SEARCH_WORDS", "give at least one letter or digit of the child's name");
  }
  for (const word of words) {
    if (!/^[a-z0-9]+$/.test(word)) invalidInput("search.name", "SEARCH_WORDS", "give letters and digits of the child's name");
    where.push({ searchName: { contains: word } });
  }
  if (search.dateOfBirth) where.push({ dateOfBirth: toUtc(search.dateOfBirth) });
  if (search.legalStatus) where.push({ legalStatuses: { some: { code: search.legalStatus, endDate: null, voidedAt: null } } });
  if (after) {
    const { lastName, firstName, id } = await cursorChild(db, tenant, after);
    where.push({
      OR: [
        { lastName: { gt: lastName } },
        { lastName, firstName: { gt: firstName } },
        { lastName, firstName, id: { gt: id } },
      ],
    });
  }
  const rows = await db.child.findMany({
    where: { AND: where },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
    take: first + 1,
  });
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

const encodeCursor = (c: Child): string => Buffer.from(c.id).toString("base64url");

async function cursorChild(db: PrismaClient, tenant: string, cursor: string): Promise<Child> {
  const id = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString() : "";
  const child = UUID.test(id) ? await db.child.findFirst({ where: { id, tenant } }) : null;
  return child ?? invalidInput("after", "CURSOR", "is not a cursor this search returned");
}
