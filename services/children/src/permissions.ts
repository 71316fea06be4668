import { allow, hasRole } from "@caregraph/platform";

/** For now one role reads and writes its own local authority's children (rows are tenant-scoped). */
const socialWorker = hasRole("SOCIAL_WORKER");

export const rules = {
  Query: { child: socialWorker, children: socialWorker },
  Mutation: { registerChild: socialWorker, recordLegalStatus: socialWorker, archiveChild: socialWorker, restoreChild: socialWorker },
  Child: socialWorker,
  LegalStatus: socialWorker,
  ChildConnection: allow,
  ChildEdge: allow,
  PageInfo: allow,
};
