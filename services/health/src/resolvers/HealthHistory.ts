import { today } from "@caregraph/platform/clock";
import { ENCRYPTED } from "../encrypted-fields";
import { fromUtc } from "@caregraph/platform/calendar";
import { waitingTime } from "../domain/camhs";
import type {
  CamhsReferralResolvers,
  HealthActionPlanActionResolvers,
  HealthRegistrationResolvers,
  MedicalHistoryItemResolvers,
  SubstanceMisuseResolvers,
} from "../generated/graphql";
import type { CamhsReferral as Row } from "../generated/prisma/client";

const local = (d: Date | null) => (d ? fromUtc(d) : null);
const wait = (r: Row) => waitingTime({ referredOn: fromUtc(r.referredOn), outcome: r.outcome, firstSeenOn: local(r.firstSeenOn) }, today());

export const HealthRegistration: HealthRegistrationResolvers = { registeredOn: (r) => fromUtc(r.registeredOn), endedOn: (r) => local(r.endedOn) };

export const CamhsReferral: CamhsReferralResolvers = {
  referredOn: (r) => fromUtc(r.referredOn),
  decidedOn: (r) => local(r.decidedOn),
  firstSeenOn: (r) => local(r.firstSeenOn),
  waitingDays: (r) => wait(r)?.days ?? null,
  waitingTime: (r) => wait(r)?.words ?? null,
};

export const SubstanceMisuse: SubstanceMisuseResolvers = {
  identifiedOn: (s) => fromUtc(s.identifiedOn),
  interventionOfferedOn: (s) => local(s.interventionOfferedOn),
  interventionReceivedOn: (s) => local(s.interventionReceivedOn),
};

export const MedicalHistoryItem: MedicalHistoryItemResolvers = {
  since: (m) => local(m.since),
  description: (m) => ENCRYPTED.medicalHistory.open(m.id, m.description),
};

export const HealthActionPlanAction: HealthActionPlanActionResolvers = {
  dueDate: (a) => fromUtc(a.dueDate),
  completedOn: (a) => local(a.completedOn),
  cancelledOn: (a) => local(a.cancelledOn),
};
