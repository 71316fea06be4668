import { fromUtc } from "@caregraph/platform/calendar";
import type {
  ContactSessionResolvers,
  LifeStoryWorkItemResolvers,
  LocalAuthorityParentalResponsibilityResolvers,
  ParentalResponsibilityRecordResolvers,
} from "../generated/graphql";

const date = (v: Date | null) => (v ? fromUtc(v) : null);

export const ParentalResponsibilityRecord: ParentalResponsibilityRecordResolvers = {
  effectiveOn: (r) => date(r.effectiveOn),
};

export const LocalAuthorityParentalResponsibility: LocalAuthorityParentalResponsibilityResolvers = {
  // Family.localAuthority hands over only rows with a basis and a legal status.
  basis: (r) => {
    if (!r.basis) throw new Error(`local authority responsibility of ${r.childId}: no basis`);
    return r.basis;
  },
  legalStatus: (r) => r.legalStatus ?? "",
  since: (r) => date(r.since),
};

export const ContactSession: ContactSessionResolvers = {
  sessionOn: (s) => fromUtc(s.sessionOn),
};

export const LifeStoryWorkItem: LifeStoryWorkItemResolvers = {
  completedOn: (i) => fromUtc(i.completedOn),
};
