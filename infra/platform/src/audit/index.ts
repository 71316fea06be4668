export { withOperation, currentOperation } from "./operation";
export { auditedResolvers, ReadCollector } from "./reads";
export { verifyAuditChain, verifyDatabase, verifyAll, formatReports, type ChainReport } from "./verify";
export { AUDIT_TOPIC, AUDIT_RECORDED, auditCopy, auditTrailHandler, readAuditTrail, type AuditRecordedPayload, type AuditTrailEntry } from "./trail";
