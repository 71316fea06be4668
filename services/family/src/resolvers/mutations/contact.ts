import { randomUUID } from "node:crypto";
import { normaliseId } from "@caregraph/platform";
import { fromUtc, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { syncContactReviews } from "../../contact-reviews";
import { Context, directory } from "../../context";
import { checkChange, checkEnd, checkNewArrangement, checkSession, checkTerms } from "../../domain/contact";
import { contactArrangementChanged, contactArrangementEnded, contactArrangementMade, contactSessionRecorded } from "../../events/published";
import type { MutationResolvers } from "../../generated/graphql";
import type { ContactArrangement } from "../../generated/prisma/client";
import { recordChange, rowAndChild, Tx } from "../../record-change";

const datesOf = (a: ContactArrangement) => ({ startDate: fromUtc(a.startDate), endDate: a.endDate ? fromUtc(a.endDate) : null });
const blankToNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

function arrangementAndChild(ctx: Context, rawId: string) {
  return rowAndChild(ctx, rawId, "input.arrangementId", "contact arrangement", (id) => ctx.deps.db.contactArrangement.findFirst({ where: { tenant: ctx.tenant, id } }));
}

/** The arrangement as it stands inside the lock, and the family member it is with. */
async function current(tx: Tx, id: string) {
  const a = await tx.contactArrangement.findUniqueOrThrow({ where: { id } });
  const member = await tx.familyMember.findUniqueOrThrow({ where: { id: a.familyMemberId } });
  return { a, member };
}

export const contactMutations: Pick<MutationResolvers, "recordContactArrangement" | "changeContactArrangement" | "endContactArrangement" | "recordContactSession"> = {
  /** CA 1989 s.34 / Sch 2 para 15; on the agenda of the next looked-after review (CPPCR 2010 Sch 7 para 4). */
  async recordContactArrangement(_, { input }, ctx: Context) {
    const child = await directory.require(ctx.deps.db, ctx.identity, input.childId);
    return recordChange(ctx, child, "contact_arrangement.made", async (tx) => {
      const memberId = normaliseId(input.familyMemberId);
      const member = memberId ? await tx.familyMember.findFirst({ where: { tenant: child.tenant, childId: child.id, id: memberId } }) : null;
      if (!member) invalidInput("input.familyMemberId", "NOT_IN_FAMILY", "no member of this child's family has that id: record the family member first");
      const terms = { times: input.frequency.times, period: input.frequency.period, venue: input.venue };
      checkNewArrangement({ ...terms, startDate: input.startDate }, child);
      const a = await tx.contactArrangement.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          familyMemberId: member.id,
          kind: input.kind,
          times: terms.times,
          period: terms.period,
          supervision: input.supervision,
          venue: blankToNull(input.venue),
          basis: input.basis,
          startDate: toUtc(input.startDate),
        },
      });
      const tasks = await syncContactReviews(tx, child.tenant, child.id, "no longer due");
      return {
        result: a,
        entity: "ContactArrangement",
        entityId: a.id,
        details: { familyMemberId: member.id, kind: a.kind, times: a.times, period: a.period, supervision: a.supervision, basis: a.basis, startDate: input.startDate },
        events: [...contactArrangementMade(a, member), ...tasks],
      };
    });
  },

  async changeContactArrangement(_, { input }, ctx: Context) {
    const { row, child } = await arrangementAndChild(ctx, input.arrangementId);
    return recordChange(ctx, child, "contact_arrangement.changed", async (tx) => {
      const { a, member } = await current(tx, row.id);
      checkChange(datesOf(a), input.changedOn, today());
      const next = {
        kind: input.kind ?? a.kind,
        times: input.frequency?.times ?? a.times,
        period: input.frequency?.period ?? a.period,
        supervision: input.supervision ?? a.supervision,
        venue: input.venue === undefined || input.venue === null ? a.venue : input.venue,
        basis: input.basis ?? a.basis,
      };
      checkTerms(next);
      next.venue = blankToNull(next.venue);
      const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === a[k]);
      if (same) invalidInput("input", "NO_CHANGE", "these are the arrangement's terms already");
      const changed = await tx.contactArrangement.update({ where: { id: a.id }, data: next });
      const changeId = randomUUID();
      return {
        result: changed,
        entity: "ContactArrangement",
        entityId: a.id,
        details: { changeId, changedOn: input.changedOn, kind: changed.kind, times: changed.times, period: changed.period, supervision: changed.supervision, basis: changed.basis },
        events: contactArrangementChanged(changed, member, input.changedOn, changeId),
      };
    });
  },

  /** The end cancels the arrangement's open review task. */
  async endContactArrangement(_, { input }, ctx: Context) {
    const { row, child } = await arrangementAndChild(ctx, input.arrangementId);
    return recordChange(ctx, child, "contact_arrangement.ended", async (tx) => {
      const { a, member } = await current(tx, row.id);
      checkEnd(datesOf(a), input.endedOn, today());
      const ended = await tx.contactArrangement.update({ where: { id: a.id }, data: { endDate: toUtc(input.endedOn), endReason: blankToNull(input.reason) } });
      const tasks = await syncContactReviews(tx, child.tenant, child.id, "the contact arrangement ended");
      return {
        result: ended,
        entity: "ContactArrangement",
        entityId: a.id,
        details: { endedOn: input.endedOn },
        events: [...contactArrangementEnded(ended, member), ...tasks],
      };
    });
  },

  /** A session and what happened; the supervisor's note stays here (never in events or the chronology). */
  async recordContactSession(_, { input }, ctx: Context) {
    const { row, child } = await arrangementAndChild(ctx, input.arrangementId);
    return recordChange(ctx, child, "contact_session.recorded", async (tx) => {
      const { a, member } = await current(tx, row.id);
      checkSession(input, { ...datesOf(a), supervision: a.supervision }, today());
      const s = await tx.contactSession.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          arrangementId: a.id,
          sessionOn: toUtc(input.sessionOn),
          outcome: input.outcome,
          cancelledBy: input.cancelledBy ?? null,
          notAttendedBy: input.notAttendedBy ?? null,
          supervisorNote: input.supervisorNote?.trim() ?? null,
        },
      });
      return {
        result: s,
        entity: "ContactSession",
        entityId: s.id,
        details: { arrangementId: a.id, sessionOn: input.sessionOn, outcome: s.outcome, cancelledBy: s.cancelledBy, notAttendedBy: s.notAttendedBy },
        events: contactSessionRecorded(s, member),
      };
    });
  },
};
