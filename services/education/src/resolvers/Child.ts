import type { ChildResolvers, EducationResolvers } from "../generated/graphql";

export const Child: ChildResolvers = {
  // Another local authority's (or an archived) child is absent; lists are tenant-scoped anyway.
  __resolveReference: ({ id }, ctx) => ctx.childReferences.load(id),
  education: ({ id }) => ({ childId: id }),
};

export const Education: EducationResolvers = {
  peps: ({ childId }, _, ctx) => ctx.peps.load(childId),
  attendance: ({ childId }, _, ctx) => ctx.attendance.load(childId),
  currentSchool: async ({ childId }, _, ctx) => (await ctx.schools.load(childId)).find((s) => !s.endDate) ?? null,
  schools: ({ childId }, _, ctx) => ctx.schools.load(childId),
  specialEducationalNeeds: ({ childId }, _, ctx) => ctx.sen.load(childId),
  exclusions: ({ childId }, _, ctx) => ctx.exclusions.load(childId),
  pupilPremiumPlus: ({ childId }, _, ctx) => ctx.pupilPremiumPlus.load(childId),
  schoolMoves: async ({ childId }, _, ctx) => Math.max(0, (await ctx.schools.load(childId)).length - 1),
};
