import { today } from "@caregraph/platform/clock";
import { fromUtc } from "@caregraph/platform/calendar";
import { statusOn } from "../domain/health-assessments";
import type { HealthAssessmentResolvers } from "../generated/graphql";
import { task } from "../schedule";
import { ENCRYPTED } from "../encrypted-fields";

const local = (d: Date | null) => (d ? fromUtc(d) : null);

export const HealthAssessment: HealthAssessmentResolvers = {
  note: (a) => ENCRYPTED.assessmentNote.open(a.id, a.note),
  dueDate: (a) => fromUtc(a.dueDate),
  scheduledFrom: (a) => fromUtc(a.scheduledFrom),
  completedOn: (a) => local(a.completedOn),
  cancelledOn: (a) => local(a.cancelledOn),
  status: (a) =>
    statusOn({ dueDate: fromUtc(a.dueDate), completedOn: local(a.completedOn), cancelledOn: local(a.cancelledOn) }, today()),
  authority: (a) => task(a).authority,
  explanation: (a) => task(a).explanation,
};
