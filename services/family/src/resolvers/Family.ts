import { fromUtc } from "@caregraph/platform/calendar";
import { frequencyWords } from "../domain/contact";
import { relationshipRank } from "../domain/relationships";
import type { ContactArrangementResolvers, ContactFrequencyResolvers, FamilyMemberResolvers, FamilyResolvers } from "../generated/graphql";
import type { ContactArrangement as Row, FamilyMember as MemberRow } from "../generated/prisma/client";

const date = (v: Date | null) => (v ? fromUtc(v) : null);

/** Running arrangements first, then ended ones; newest start first within each (the loader's order). */
const runningFirst = (rows: Row[]) => [...rows.filter((a) => !a.endDate), ...rows.filter((a) => a.endDate)];

export const byRelationship = (rows: MemberRow[]) =>
  [...rows].sort((a, b) => relationshipRank(a.relationship) - relationshipRank(b.relationship) || a.name.localeCompare(b.name, "en-GB"));

export const Family: FamilyResolvers = {
  members: async ({ childId }, _, ctx) => byRelationship(await ctx.members.load(childId)),
  localAuthority: async ({ childId }, _, ctx) => (await ctx.localAuthority.load(childId)).find((r) => r.basis && r.legalStatus) ?? null,
  contactArrangements: async ({ childId }, _, ctx) => runningFirst(await ctx.arrangements.load(childId)),
  lifeStoryWork: ({ childId }, _, ctx) => ctx.lifeStoryWork.load(childId),
};

export const FamilyMember: FamilyMemberResolvers = {
  parentalResponsibilityHistory: (m, _, ctx) => ctx.prHistory.load(m.id),
  linkedChild: (m, _, ctx) => (m.linkedChildId ? ctx.childReferences.load(m.linkedChildId) : null),
  contactArrangements: async (m, _, ctx) => runningFirst((await ctx.arrangements.load(m.childId)).filter((a) => a.familyMemberId === m.id)),
};

export const ContactArrangement: ContactArrangementResolvers = {
  familyMember: async (a, _, ctx) => {
    const [m] = await ctx.memberById.load(a.familyMemberId);
    if (!m) throw new Error(`contact arrangement ${a.id}: family member ${a.familyMemberId} missing`);
    return m;
  },
  frequency: (a) => a,
  startDate: (a) => fromUtc(a.startDate),
  endDate: (a) => date(a.endDate),
  sessions: (a, _, ctx) => ctx.sessions.load(a.id),
  nextReviewDueDate: async (a, _, ctx) => (a.endDate ? null : date((await ctx.openContactReviews.load(a.id))[0]?.dueDate ?? null)),
  nextReviewExplanation: async (a, _, ctx) => (a.endDate ? null : ((await ctx.openContactReviews.load(a.id))[0]?.explanation ?? null)),
};

export const ContactFrequency: ContactFrequencyResolvers = {
  description: (a) => frequencyWords(a.times, a.period),
};
