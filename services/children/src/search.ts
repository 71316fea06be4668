import { toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import type { Child, Prisma, PrismaClient } from "./generated/prisma/client";

export interface ChildSearch {
  name?: string | null;
  dateOfBirth?: string | null;
  legalStatus?: Prisma.LegalStatusWhereInput["code"] | null;
  includeArchived?: boolean | null;
}

type Cursor = [lastName: string, firstName: string, id: string];

/** Keyset pagination in name order (last, first, id): stable while records are added. */
export async function searchChildren(db: PrismaClient, tenant: string, search: ChildSearch, first: number, after: string | null) {
  const where: Prisma.ChildWhereInput[] = [{ tenant }];
  if (!search.includeArchived) where.push({ archivedAt: null });
  const name = search.name?.trim();
  if (name) {
    where.push({
      OR: [
        { firstName: { startsWith: name, mode: "insensitive" } },
        { lastName: { startsWith: name, mode: "insensitive" } },
      ],
    });
  }
  if (search.dateOfBirth) where.push({ dateOfBirth: toUtc(search.dateOfBirth) });
  if (search.legalStatus) where.push({ legalStatuses: { some: { code: search.legalStatus, endDate: null } } });
  if (after) {
    const [lastName, firstName, id] = decodeCursor(after);
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

function encodeCursor(c: Child): string {
  return Buffer.from(JSON.stringify([c.lastName, c.firstName, c.id] satisfies Cursor)).toString("base64url");
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((p) => typeof p === "string")) return parsed as Cursor;
  } catch {
    // fall through to the error below
  }
  return invalidInput("after", "CURSOR", "is not a cursor this search returned");
}
