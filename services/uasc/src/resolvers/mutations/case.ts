import { chronologyEntryWithdrawn, NewEvent } from "@caregraph/platform";
import { fromUtc, toUtc } from "@caregraph/platform/calendar";
import { today } from "@caregraph/platform/clock";
import { invalidInput, TEXT_LIMITS } from "@caregraph/platform/graphql";
import { ceasedProblem } from "../../domain/ceasing";
import { homeOfficeReferenceProblem, normaliseHomeOfficeReference } from "../../domain/home-office-reference";
import { transferProblem } from "../../domain/national-transfer-scheme";
import { nationalTransferSchemeRecorded, uascCeased } from "../../events/published";
import type { MutationResolvers } from "../../generated/graphql";
import type { Prisma } from "../../generated/prisma/client";
import { changeCase, check } from "../change";
import { ENCRYPTED } from "../../encrypted-fields";

/** A text field of the details: left out = unchanged, null or blank = cleared, otherwise trimmed (at most `max`). */
function textChange(field: string, value: string | null | undefined, max: number): string | null | undefined {
  if (value === undefined) return undefined;
  const v = value?.trim() || null;
  if (v && v.length > max) invalidInput(field, "MAX_LENGTH", `at most ${max} characters`);
  return v;
}

export const caseDetails: Pick<MutationResolvers, "recordUascDetails" | "recordNationalTransferScheme" | "recordCeasedToBeUasc"> = {
  /**
   * The Home Office reference and the legal representative are personal data: sealed in their
   * columns (encrypted-fields.ts); the audit entry says which fields changed, never their values.
   */
  async recordUascDetails(_, { input }, ctx) {
    const ref = textChange("input.homeOfficeReference", input.homeOfficeReference, 20);
    if (ref) check(homeOfficeReferenceProblem(ref));
    const rep = textChange("input.legalRepresentative", input.legalRepresentative, 2 * TEXT_LIMITS.NAME_MAX);
    const language = textChange("input.interpreterLanguage", input.interpreterLanguage, TEXT_LIMITS.NAME_MAX);
    return changeCase(ctx, input.childId, async (tx, child) => {
      const data: Prisma.UascRecordUpdateInput = {};
      if (ref !== undefined) data.homeOfficeReference = ENCRYPTED.homeOfficeReference.seal(child.id, ref && normaliseHomeOfficeReference(ref));
      if (rep !== undefined) data.legalRepresentative = ENCRYPTED.legalRepresentative.seal(child.id, rep);
      if (language !== undefined) data.interpreterLanguage = language;
      const row = await tx.uascRecord.update({ where: { childId: child.id }, data });
      return { result: row, action: "uasc.details.recorded", entity: "UascRecord", entityId: child.id, details: { changed: Object.keys(data).sort() }, events: [] };
    });
  },

  /** A referral, then (recorded again with the day and the receiving authority) the transfer. */
  async recordNationalTransferScheme(_, { input }, ctx) {
    const on = today();
    return changeCase(ctx, input.childId, async (tx, child, record) => {
      check(transferProblem(input, child.tenant, child.dateOfBirth, on));
      const t = { referredOn: input.referredOn, transferredOn: input.transferredOn ?? null, receivingAuthority: input.receivingAuthority?.trim().toUpperCase() || null };
      const row = await tx.uascRecord.update({
        where: { childId: child.id },
        data: { ntsReferredOn: toUtc(t.referredOn), ntsTransferredOn: t.transferredOn ? toUtc(t.transferredOn) : null, ntsReceivingAuthority: t.receivingAuthority },
      });
      const events: NewEvent[] = nationalTransferSchemeRecorded(child.id, t);
      // A transfer recorded before and now taken back (entered in error): its chronology entry goes.
      if (record.ntsTransferredOn && !t.transferredOn) {
        events.push(chronologyEntryWithdrawn(child.id, `national-transfer-scheme:${child.id}:transferred`, "the transfer was recorded in error"));
      }
      return { result: row, action: "uasc.national-transfer-scheme.recorded", entity: "UascRecord", entityId: child.id, details: t, events };
    });
  },

  /** DfE SSDA903 UASC table, DUC. Recording it again corrects the day or the reason. */
  async recordCeasedToBeUasc(_, { input }, ctx) {
    const on = today();
    return changeCase(ctx, input.childId, async (tx, child, record) => {
      check(ceasedProblem(input.ceasedOn, input.reason, child.dateOfBirth, on));
      const corrected = record.ceasedToBeUascOn !== null;
      const row = await tx.uascRecord.update({ where: { childId: child.id }, data: { ceasedToBeUascOn: toUtc(input.ceasedOn), ceasedReason: input.reason } });
      return {
        result: row,
        action: corrected ? "uasc.ceased.corrected" : "uasc.ceased.recorded",
        entity: "UascRecord",
        entityId: child.id,
        details: { ceasedOn: input.ceasedOn, reason: input.reason, previously: record.ceasedToBeUascOn ? fromUtc(record.ceasedToBeUascOn) : null },
        events: uascCeased(child.id, input.ceasedOn, input.reason, corrected),
      };
    });
  },
};
