import { today } from "@caregraph/platform/clock";
import { fromUtc} from "@caregraph/platform/calendar";
import { statusOn } from "../domain/health-assessments";
import type { HealthAssessment as Row } from "../generated/prisma/client";
import { task } from "../schedule";

const local = (d: Date | null) => (d ? fromUtc(d) : null);

export const HealthAssessment = {
  dueDate: (a: Row) => fromUtc(a.dueDate),
  scheduledFrom: (a: Row) => fromUtc(a.scheduledFrom),
  completedOn: (a: Row) => local(a.completedOn),
  cancelledOn: (a: Row) => local(a.cancelledOn),
  status: (a: Row) =>
    statusOn({ dueDate: fromUtc(a.dueDate), completedOn: local(a.completedOn), cancelledOn: local(a.cancelledOn) }, today()),
  authority: (a: Row) => task(a).authority,
};
