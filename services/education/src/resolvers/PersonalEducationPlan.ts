import { today } from "@caregraph/platform/clock";
import { fromUtc } from "@caregraph/platform/calendar";
import { attendance } from "../domain/attendance";
import { statusOn } from "../domain/personal-education-plans";
import type { AttendanceResolvers, ExclusionResolvers, PersonalEducationPlanResolvers, SchoolEnrolmentResolvers, SpecialEducationalNeedsResolvers } from "../generated/graphql";
import { pepTask } from "../schedule";

const local = (d: Date | null) => (d ? fromUtc(d) : null);

export const PersonalEducationPlan: PersonalEducationPlanResolvers = {
  dueDate: (p) => fromUtc(p.dueDate),
  scheduledFrom: (p) => fromUtc(p.scheduledFrom),
  completedOn: (p) => local(p.completedOn),
  cancelledOn: (p) => local(p.cancelledOn),
  status: (p) => statusOn({ dueDate: fromUtc(p.dueDate), completedOn: local(p.completedOn), cancelledOn: local(p.cancelledOn) }, today()),
  authority: (p) => pepTask(p).authority,
  explanation: (p) => pepTask(p).explanation,
};

export const Attendance: AttendanceResolvers = {
  termStart: (a) => fromUtc(a.termStart),
  percentage: (a) => attendance(a.possibleSessions, a.attendedSessions).percentage,
  persistentAbsence: (a) => attendance(a.possibleSessions, a.attendedSessions).persistentlyAbsent,
};

export const SchoolEnrolment: SchoolEnrolmentResolvers = {
  startDate: (s) => fromUtc(s.startDate),
  endDate: (s) => local(s.endDate),
  // Every enrolment but a child's first is a move; the first has no earlier one ended on its start date.
  isMove: async (s, _, ctx) => (await ctx.schools.load(s.childId)).some((o) => o.id !== s.id && o.endDate?.getTime() === s.startDate.getTime()),
};

export const SpecialEducationalNeeds: SpecialEducationalNeedsResolvers = {
  startDate: (s) => fromUtc(s.startDate),
  endDate: (s) => local(s.endDate),
};

export const Exclusion: ExclusionResolvers = {
  startDate: (x) => fromUtc(x.startDate),
};
