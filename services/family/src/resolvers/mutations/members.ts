import { randomUUID } from "node:crypto";
import { normaliseId } from "@caregraph/platform";
import { compareDates, formatDate, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { invalidInput } from "@caregraph/platform/graphql";
import { Context, directory } from "../../context";
import { checkName, checkNewFamilyMember, checkParentalResponsibilityChange } from "../../domain/family-members";
import { familyMemberAdded, parentalResponsibilityChanged } from "../../events/published";
import type { MutationResolvers } from "../../generated/graphql";
import { recordChange, rowAndChild } from "../../record-change";

export const memberMutations: Pick<MutationResolvers, "addFamilyMember" | "changeParentalResponsibility"> = {
  /** CA 1989 s.2–4A, s.5, s.12, s.14C; ACA 2002 s.46: who the person is and whether they hold PR. */
  async addFamilyMember(_, { input }, ctx: Context) {
    const child = await directory.require(ctx.deps.db, ctx.identity, input.childId);
    return recordChange(ctx, child, "family_member.added", async (tx) => {
      const existing = await tx.familyMember.findMany({ where: { tenant: child.tenant, childId: child.id } });
      checkNewFamilyMember({ ...input, childId: child.id }, existing);
      const from = input.parentalResponsibilityFrom ?? null;
      if (from && !input.hasParentalResponsibility) {
        invalidInput("input.parentalResponsibilityFrom", "PR_DATE_WITHOUT_PR", "a date is given only for someone who holds parental responsibility");
      }
      if (from && compareDates(from, today()) > 0) invalidInput("input.parentalResponsibilityFrom", "NOT_IN_FUTURE", "cannot be a future date");
      if (from && compareDates(from, child.dateOfBirth) < 0) {
        invalidInput("input.parentalResponsibilityFrom", "NOT_BEFORE_BIRTH", `cannot be before the child's date of birth (${formatDate(child.dateOfBirth)})`);
      }
      let linkedChildId: string | null = null;
      if (input.linkedChildId) {
        // A known child of the same local authority (this domain's copy of the children register).
        const id = normaliseId(input.linkedChildId);
        const linked = id ? await directory.loader(tx, child.tenant).load(id) : null;
        if (!linked) invalidInput("input.linkedChildId", "UNKNOWN_CHILD", "no child with that id in your local authority");
        linkedChildId = linked.id;
      }
      const basis = input.parentalResponsibilityBasis ?? null;
      const member = await tx.familyMember.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          name: checkName(input.name),
          relationship: input.relationship,
          hasParentalResponsibility: input.hasParentalResponsibility,
          parentalResponsibilityBasis: basis,
          linkedChildId,
        },
      });
      await tx.parentalResponsibilityRecord.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          familyMemberId: member.id,
          hasParentalResponsibility: member.hasParentalResponsibility,
          parentalResponsibilityBasis: basis,
          effectiveOn: from ? toUtc(from) : null,
        },
      });
      return {
        result: member,
        entity: "FamilyMember",
        entityId: member.id,
        details: { relationship: member.relationship, hasParentalResponsibility: member.hasParentalResponsibility, parentalResponsibilityBasis: basis, linkedChildId },
        events: familyMemberAdded(member, today()),
      };
    });
  },

  /** A PR acquired, held on another basis, or ended; the history keeps every entry. */
  async changeParentalResponsibility(_, { input }, ctx: Context) {
    const { row, child } = await rowAndChild(ctx, input.familyMemberId, "input.familyMemberId", "family member", (id) =>
      ctx.deps.db.familyMember.findFirst({ where: { tenant: ctx.tenant, id } }),
    );
    return recordChange(ctx, child, "family_member.parental_responsibility.changed", async (tx) => {
      const before = await tx.familyMember.findUniqueOrThrow({ where: { id: row.id } });
      checkParentalResponsibilityChange(before.relationship, before, input, child, today());
      const basis = input.parentalResponsibilityBasis ?? null;
      const member = await tx.familyMember.update({
        where: { id: before.id },
        data: { hasParentalResponsibility: input.hasParentalResponsibility, parentalResponsibilityBasis: basis },
      });
      const record = await tx.parentalResponsibilityRecord.create({
        data: {
          id: randomUUID(),
          tenant: child.tenant,
          childId: child.id,
          familyMemberId: member.id,
          hasParentalResponsibility: input.hasParentalResponsibility,
          parentalResponsibilityBasis: basis,
          effectiveOn: toUtc(input.effectiveOn),
        },
      });
      const was = { hasParentalResponsibility: before.hasParentalResponsibility, parentalResponsibilityBasis: before.parentalResponsibilityBasis };
      return {
        result: member,
        entity: "FamilyMember",
        entityId: member.id,
        details: { was, hasParentalResponsibility: input.hasParentalResponsibility, parentalResponsibilityBasis: basis, effectiveOn: input.effectiveOn },
        events: parentalResponsibilityChanged(member, was, record),
      };
    });
  },
};
