import { BaseContext, childDirectory, childKeyedLoader, ServiceContext, serviceContext, ServiceDeps } from "@caregraph/platform";
import DataLoader from "dataloader";
import type {
  ContactArrangement,
  ContactArrangementReview,
  ContactSession,
  FamilyMember,
  LifeStoryWorkItem,
  LocalAuthorityResponsibility,
  ParentalResponsibilityRecord,
  PrismaClient,
} from "./generated/prisma/client";

export const directory = childDirectory("family");

/** A loader of rows keyed by some id other than the child's (one query per request). */
function keyedLoader<Row>(key: (r: Row) => string, fetch: (ids: string[]) => Promise<Row[]>): DataLoader<string, Row[]> {
  return new DataLoader(async (ids) => {
    const by = new Map<string, Row[]>(ids.map((id) => [id, []]));
    for (const row of await fetch([...ids])) by.get(key(row))?.push(row);
    return ids.map((id) => by.get(id) ?? []);
  });
}

export interface Context extends ServiceContext<PrismaClient> {
  childReferences: DataLoader<string, { id: string } | null>;
  members: DataLoader<string, FamilyMember[]>;
  memberById: DataLoader<string, FamilyMember[]>;
  prHistory: DataLoader<string, ParentalResponsibilityRecord[]>;
  localAuthority: DataLoader<string, LocalAuthorityResponsibility[]>;
  arrangements: DataLoader<string, ContactArrangement[]>;
  sessions: DataLoader<string, ContactSession[]>;
  openContactReviews: DataLoader<string, ContactArrangementReview[]>;
  lifeStoryWork: DataLoader<string, LifeStoryWorkItem[]>;
}

export function createContext(base: BaseContext, deps: ServiceDeps<PrismaClient>): Context {
  const ctx = serviceContext(base, deps);
  const { tenant } = ctx;
  const { db } = deps;
  return {
    ...ctx,
    childReferences: directory.references(db, ctx.identity),
    members: childKeyedLoader((childIds) => db.familyMember.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ createdAt: "asc" }] })),
    memberById: keyedLoader(
      (m) => m.id,
      (ids) => db.familyMember.findMany({ where: { tenant, id: { in: ids } } }),
    ),
    prHistory: keyedLoader(
      (r) => r.familyMemberId,
      (ids) => db.parentalResponsibilityRecord.findMany({ where: { tenant, familyMemberId: { in: ids } }, orderBy: [{ recordedAt: "asc" }] }),
    ),
    localAuthority: childKeyedLoader((childIds) => db.localAuthorityResponsibility.findMany({ where: { tenant, childId: { in: childIds } } })),
    arrangements: childKeyedLoader((childIds) =>
      db.contactArrangement.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ startDate: "desc" }, { createdAt: "desc" }] }),
    ),
    sessions: keyedLoader(
      (s) => s.arrangementId,
      (ids) => db.contactSession.findMany({ where: { tenant, arrangementId: { in: ids } }, orderBy: [{ sessionOn: "desc" }, { createdAt: "desc" }] }),
    ),
    openContactReviews: keyedLoader(
      (t) => t.arrangementId,
      (ids) => db.contactArrangementReview.findMany({ where: { tenant, arrangementId: { in: ids }, state: "OPEN" }, orderBy: [{ dueDate: "asc" }] }),
    ),
    lifeStoryWork: childKeyedLoader((childIds) =>
      db.lifeStoryWorkItem.findMany({ where: { tenant, childId: { in: childIds } }, orderBy: [{ completedOn: "desc" }, { createdAt: "desc" }] }),
    ),
  };
}
