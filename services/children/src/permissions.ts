import { allow, hasRole } from "@caregraph/platform";

/**
 * Social workers and team managers read and write their own local authority's children (rows
 * are tenant-scoped); IROs read them. Corrections (amend / void) are for social workers and team
 * managers; archived records are shown to them only (see Context.seesArchived).
 */
const reader = hasRole("SOCIAL_WORKER", "TEAM_MANAGER", "IRO");
const writer = hasRole("SOCIAL_WORKER", "TEAM_MANAGER");

// Audit trail (issue 9, tenant isolation / audit): team managers; AUDITOR joins when identity.ts has it.
const auditReader = hasRole("TEAM_MANAGER");

export const rules = {
  Query: { child: reader, children: reader, auditTrail: auditReader },
  Mutation: {
    registerChild: writer,
    recordLegalStatus: writer,
    amendLegalStatus: writer,
    voidLegalStatus: writer,
    endCare: writer,
    allocateWorker: writer,
    archiveChild: writer,
    restoreChild: writer,
  },
  Child: reader,
  LegalStatus: reader,
  Allocation: reader,
  ChildConnection: allow,
  ChildEdge: allow,
  PageInfo: allow,
  AuditEntry: auditReader,
};
