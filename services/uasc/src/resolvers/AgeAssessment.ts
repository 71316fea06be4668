import { fromUtc } from "@caregraph/platform/calendar";
import { mertonOutstanding } from "../domain/age-assessment";
import type { AgeAssessmentResolvers } from "../generated/graphql";
import { date } from "./dates";

export const AgeAssessment: AgeAssessmentResolvers = {
  assessedOn: (a) => fromUtc(a.assessedOn),
  childInformedOn: (a) => date(a.childInformedOn),
  assessedDateOfBirth: (a) => date(a.assessedDateOfBirth),
  mertonOutstanding: (a) => mertonOutstanding({ outcome: a.outcome, childInformedOn: date(a.childInformedOn), assessedDateOfBirth: date(a.assessedDateOfBirth) }),
};
