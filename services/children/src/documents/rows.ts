import { childKeyedLoader } from "@caregraph/platform";
import type { Document, DocumentVersion, PrismaClient } from "../generated/prisma/client";

/** A document as the resolvers receive it: with its versions, newest first. */
export type DocumentRow = Document & { versions: DocumentVersion[] };

/** Every document of the children a request asks about, newest first, in one query. */
export const documentLoader = (db: PrismaClient, tenant: string) =>
  childKeyedLoader((childIds) =>
    db.document.findMany({
      where: { tenant, childId: { in: childIds } },
      include: { versions: { orderBy: { version: "desc" } } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    }),
  );
