import { chronologyEntryRecorded, type NewEvent } from "@caregraph/platform";
import { formatDate } from "@caregraph/platform/calendar";
import type { LocalDate } from "@caregraph/platform/calendar";

/**
 * What every domain's child directory needs to show a partner agency the children shared with it
 * (infra/platform/src/child-directory.ts): the agreement, the partner and the dates. The purpose
 * stays in the children domain (free text is never sent to other services).
 */
export const informationSharingAgreementRecorded = (
  childId: string,
  a: { id: string; partner: string; startDate: LocalDate; endDate: LocalDate },
): NewEvent[] => [
  { type: "InformationSharingAgreementRecorded", childId, payload: { agreementId: a.id, partner: a.partner, startDate: a.startDate, endDate: a.endDate } },
  chronologyEntryRecorded(childId, {
    entryId: `information-sharing:${a.id}:recorded`,
    kind: "InformationSharingAgreementRecorded",
    on: a.startDate,
    summary: `Record shared with ${a.partner} from ${formatDate(a.startDate)} to ${formatDate(a.endDate)} (information-sharing agreement)`,
  }),
];

/** Sharing stops at once: every directory stops showing the child to the partner from `revokedAt`. */
export const informationSharingAgreementRevoked = (childId: string, a: { id: string; partner: string }, revokedAt: Date, on: LocalDate): NewEvent[] => [
  { type: "InformationSharingAgreementRevoked", childId, payload: { agreementId: a.id, partner: a.partner, revokedAt: revokedAt.toISOString() } },
  chronologyEntryRecorded(childId, {
    entryId: `information-sharing:${a.id}:revoked`,
    kind: "InformationSharingAgreementRevoked",
    on,
    at: revokedAt.toISOString(),
    summary: `Information-sharing agreement with ${a.partner} revoked`,
  }),
];
