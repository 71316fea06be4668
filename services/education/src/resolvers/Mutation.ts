import { randomUUID } from "node:crypto";
import { statutoryTaskCompleted } from "@caregraph/platform";
import type { NewEvent } from "@caregraph/platform";
import { compareDates, fromUtc, toUtc } from "@caregraph/platform/calendar";
import { invalidInput } from "@caregraph/platform/graphql";
import { today } from "@caregraph/platform/clock";
import { Context, directory } from "../context";
import type { KnownChild } from "@caregraph/platform";
import type { LocalDate } from "@caregraph/platform/calendar";
import { attendanceProblem } from "../domain/attendance";
import { exclusionProblem, pupilPremiumPlusProblem } from "../domain/records";
import { firstPepDue, pepReviewDue } from "../domain/personal-education-plans";
import { parseTerm, termLabel } from "../domain/terms";
import type { MutationResolvers } from "../generated/graphql";
import type { Prisma } from "../generated/prisma/client";
import { openPeps, pepTask, schedulePep } from "../schedule";
import { exclusionRecorded, pepCompleted, schoolStarted, senRecorded } from "../chronology";

type Tx = Prisma.TransactionClient;

const lockChild = (tx: Tx, childId: string) => tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `education:${childId}`);

/** A date something happened: not in the future, not before the child was born. */
function checkPast(date: LocalDate, child: KnownChild, field: string) {
  if (compareDates(date, today()) > 0) invalidInput(field, "NOT_IN_FUTURE", "cannot be a future date");
  if (compareDates(date, child.dateOfBirth) < 0) invalidInput(field, "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${child.dateOfBirth})`);
}

const actor = (ctx: Context) => ({ identity: ctx.identity, requestId: ctx.requestId });

export const Mutation: MutationResolvers = {
  /**
   * Completes the child's earliest open PEP — or records one when none is open — and, while the
   * child is looked after, schedules the termly review for the end of the following term (one open
   * review at a time: a later PEP replaces the open review's date, same task id).
   */
  async recordPersonalEducationPlan(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    if (compareDates(input.completedOn, today()) > 0) {
      invalidInput("input.completedOn", "NOT_IN_FUTURE", "a PEP cannot be recorded as done on a future date");
    }
    if (compareDates(input.completedOn, child.dateOfBirth) < 0) {
      invalidInput("input.completedOn", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${child.dateOfBirth})`);
    }
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const at = { tenant: child.tenant, childId: child.id };
      const [target] = await openPeps(tx, child.tenant, child.id);
      // An emergency placement holds the first PEP to 10 working days: its due date says so.
      const emergency = input.emergency === true && target?.kind === "INITIAL" && target.startsAtAge === null; // not for a PEP that starts on a birthday
      const completed = target
        ? await tx.personalEducationPlan.update({
            where: { id: target.id },
            data: {
              completedOn: toUtc(input.completedOn),
              ...(emergency ? { emergency: true, dueDate: toUtc(firstPepDue(fromUtc(target.scheduledFrom), true).date) } : {}),
            },
          })
        : await tx.personalEducationPlan.create({
            data: {
              id: randomUUID(),
              ...at,
              kind: "RECORDED",
              scheduledFrom: toUtc(input.completedOn),
              dueDate: toUtc(input.completedOn),
              completedOn: toUtc(input.completedOn),
            },
          });
      const events = [statutoryTaskCompleted(child.id, pepTask(completed), input.completedOn), pepCompleted(child.id, completed, input.completedOn)];
      const stillOpen = (await openPeps(tx, child.tenant, child.id)).filter((p) => p.kind === "REVIEW");
      if (child.lookedAfterSince && stillOpen.length === 0) {
        events.push(await schedulePep(tx, at, "REVIEW", input.completedOn, pepReviewDue(child.tenant, input.completedOn).date));
      }
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "personal_education_plan.recorded",
        entity: "PersonalEducationPlan",
        entityId: completed.id,
        childId: child.id,
        details: { kind: completed.kind, completedOn: input.completedOn, emergency: completed.emergency },
        events,
      });
      return completed;
    });
  },

  /** Records (or replaces) a term's attendance; the percentage and persistent absence are worked out when read. */
  async recordAttendance(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    const term = parseTerm(child.tenant, input.term);
    if (!term) invalidInput("input.term", "TERM_FORMAT", 'write the term as "AUTUMN 2026", "SPRING 2027" or "SUMMER 2027"');
    if (compareDates(term.start, today()) > 0) {
      invalidInput("input.term", "TERM_STARTED", `${termLabel(term)} has not started yet (it starts on ${term.start})`);
    }
    const problem = attendanceProblem(input.possibleSessions, input.attendedSessions);
    if (problem) invalidInput(...problem);
    const label = termLabel(term);
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const figures = { possibleSessions: input.possibleSessions, attendedSessions: input.attendedSessions };
      const row = await tx.attendance.upsert({
        where: { tenant_childId_term: { tenant: child.tenant, childId: child.id, term: label } },
        create: { id: randomUUID(), tenant: child.tenant, childId: child.id, term: label, termStart: toUtc(term.start), ...figures },
        update: figures,
      });
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: "attendance.recorded",
        entity: "Attendance",
        entityId: row.id,
        childId: child.id,
        details: { term: label, ...figures },
        events: [],
      });
      return row;
    });
  },

  /**
   * Records the school the child attends from `startDate`. The open enrolment (if any) ends on that
   * day: a school move. Published as SchoolEnrolled {enrolmentId, urn, startDate, isMove,
   * previousEnrolmentId} (codes and dates only, no names) for the chronology.
   */
  async recordSchool(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    const schoolName = input.schoolName.trim();
    if (!schoolName) invalidInput("input.schoolName", "REQUIRED", "give the school's name");
    const urn = input.urn?.trim() || null;
    if (urn !== null && !/^\d{6}$/.test(urn)) invalidInput("input.urn", "URN_FORMAT", "a school's DfE unique reference number is 6 digits");
    if (compareDates(input.startDate, today()) > 0) invalidInput("input.startDate", "NOT_IN_FUTURE", "record a school once the child has started there");
    if (compareDates(input.startDate, child.dateOfBirth) < 0) {
      invalidInput("input.startDate", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${child.dateOfBirth})`);
    }
    return db.$transaction(async (tx) => {
      await lockChild(tx, child.id);
      const current = await tx.schoolEnrolment.findFirst({ where: { tenant: child.tenant, childId: child.id, endDate: null } });
      if (current && compareDates(input.startDate, fromUtc(current.startDate)) <= 0) {
        invalidInput("input.startDate", "AFTER_CURRENT_SCHOOL", `must be after the current school's start date (${fromUtc(current.startDate)})`);
      }
      if (current) await tx.schoolEnrolment.update({ where: { id: current.id }, data: { endDate: toUtc(input.startDate) } });
      const row = await tx.schoolEnrolment.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          schoolName,
          urn,
          startDate: toUtc(input.startDate),
          designatedTeacher: input.designatedTeacher?.trim() || null,
        },
      });
      const enrolled: NewEvent = {
        type: "SchoolEnrolled",
        childId: child.id,
        payload: { enrolmentId: row.id, urn, startDate: input.startDate, isMove: current !== null, previousEnrolmentId: current?.id ?? null },
      };
      await recorder.change(tx, { identity: ctx.identity, requestId: ctx.requestId }, {
        action: current ? "school.moved" : "school.recorded",
        entity: "SchoolEnrolment",
        entityId: row.id,
        childId: child.id,
        details: { urn, startDate: input.startDate, previousEnrolmentId: current?.id ?? null },
        events: [enrolled, schoolStarted(child.id, row.id, input.startDate, current !== null)],
      });
      return row;
    });
  },

  /** Records SEN support or an EHC plan with its dates; published as SenRecorded (codes and dates). */
  async recordSpecialEducationalNeeds(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    checkPast(input.startDate, child, "input.startDate");
    if (input.endDate != null) {
      checkPast(input.endDate, child, "input.endDate");
      if (compareDates(input.endDate, input.startDate) < 0) invalidInput("input.endDate", "NOT_BEFORE_START", "cannot be before the start date");
    }
    return db.$transaction(async (tx) => {
      const row = await tx.senRecord.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          provision: input.provision,
          startDate: toUtc(input.startDate),
          endDate: input.endDate == null ? null : toUtc(input.endDate),
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "sen.recorded",
        entity: "SpecialEducationalNeeds",
        entityId: row.id,
        childId: child.id,
        details: { provision: input.provision, startDate: input.startDate, endDate: input.endDate ?? null },
        events: [
          { type: "SenRecorded", childId: child.id, payload: { senId: row.id, provision: input.provision, startDate: input.startDate, endDate: input.endDate ?? null } },
          senRecorded(child.id, row, input.startDate, input.endDate ?? null),
        ],
      });
      return row;
    });
  },

  /** Records a suspension or permanent exclusion; published as ExclusionRecorded (kind, dates, days). */
  async recordExclusion(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    checkPast(input.startDate, child, "input.startDate");
    const problem = exclusionProblem(input.kind, input.days);
    if (problem) invalidInput(...problem);
    return db.$transaction(async (tx) => {
      const row = await tx.exclusion.create({
        data: { id: randomUUID(), tenant: child.tenant, childId: child.id, kind: input.kind, startDate: toUtc(input.startDate), days: input.days ?? null },
      });
      await recorder.change(tx, actor(ctx), {
        action: "exclusion.recorded",
        entity: "Exclusion",
        entityId: row.id,
        childId: child.id,
        details: { kind: input.kind, startDate: input.startDate, days: input.days ?? null },
        events: [
          { type: "ExclusionRecorded", childId: child.id, payload: { exclusionId: row.id, kind: input.kind, startDate: input.startDate, days: input.days ?? null } },
          exclusionRecorded(child.id, row, input.startDate),
        ],
      });
      return row;
    });
  },

  /** Records a Pupil Premium Plus allocation for a term (audited; no event: money, not care history). */
  async recordPupilPremiumPlus(_, { input }, ctx) {
    const { db, recorder } = ctx.deps;
    const child = await directory.require(db, ctx.identity, input.childId);
    const term = parseTerm(child.tenant, input.term);
    if (!term) invalidInput("input.term", "TERM_FORMAT", 'write the term as "AUTUMN 2026", "SPRING 2027" or "SUMMER 2027"');
    const problem = pupilPremiumPlusProblem(input.amountPence, input.purpose);
    if (problem) invalidInput(...problem);
    return db.$transaction(async (tx) => {
      const row = await tx.pupilPremiumPlusAllocation.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          term: termLabel(term),
          termStart: toUtc(term.start),
          amountPence: input.amountPence,
          purpose: input.purpose.trim(),
        },
      });
      await recorder.change(tx, actor(ctx), {
        action: "pupil_premium_plus.recorded",
        entity: "PupilPremiumPlusAllocation",
        entityId: row.id,
        childId: child.id,
        details: { term: row.term, amountPence: row.amountPence },
        events: [],
      });
      return row;
    });
  },
};
