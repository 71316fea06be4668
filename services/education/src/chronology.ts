import { chronologyEntryRecorded, NewEvent } from "@caregraph/platform";
import { formatDate, LocalDate } from "@caregraph/platform/calendar";

/**
 * What the education domain tells the child's chronology: PEPs, school starts and moves,
 * suspensions and exclusions, special educational needs — kinds and dates only. Not the school's
 * name or URN (where a child goes to school is kept to the record's readers), nor the designated
 * teacher's name.
 */
const PEP = { INITIAL: "First personal education plan", REVIEW: "Personal education plan review", RECORDED: "Personal education plan" } as const;

export const pepCompleted = (childId: string, pep: { id: string; kind: keyof typeof PEP }, on: LocalDate): NewEvent =>
  chronologyEntryRecorded(childId, { entryId: `personal-education-plan:${pep.id}`, kind: "PersonalEducationPlan", on, summary: `${PEP[pep.kind]} completed` });

export const schoolStarted = (childId: string, enrolmentId: string, on: LocalDate, isMove: boolean): NewEvent =>
  chronologyEntryRecorded(childId, {
    entryId: `school-enrolment:${enrolmentId}`,
    kind: isMove ? "SchoolMove" : "SchoolStarted",
    on,
    summary: isMove ? "Moved school: started at a new school" : "Started at school",
  });

export const exclusionRecorded = (childId: string, e: { id: string; kind: "SUSPENSION" | "PERMANENT"; days: number | null }, on: LocalDate): NewEvent =>
  chronologyEntryRecorded(childId, {
    entryId: `exclusion:${e.id}`,
    kind: e.kind === "PERMANENT" ? "PermanentExclusion" : "Suspension",
    on,
    summary: e.kind === "PERMANENT" ? "Permanently excluded from school" : `Suspended from school${e.days ? ` for ${e.days} day${e.days === 1 ? "" : "s"}` : ""}`,
  });

export const senRecorded = (childId: string, s: { id: string; provision: "SEN_SUPPORT" | "EHC_PLAN" }, on: LocalDate, endOn: LocalDate | null): NewEvent =>
  chronologyEntryRecorded(childId, {
    entryId: `special-educational-needs:${s.id}`,
    kind: s.provision === "EHC_PLAN" ? "EducationHealthAndCarePlan" : "SenSupport",
    on,
    summary: `${s.provision === "EHC_PLAN" ? "Education, health and care plan" : "SEN support"} began${endOn ? ` (until ${formatDate(endOn)})` : ""}`,
  });
