import { today } from "@caregraph/platform/clock";
import { formatDate, fromUtc } from "@caregraph/platform/calendar";
import { nextDentalCheckDue } from "../domain/dental-checks";
import { vaccineNamed } from "../domain/immunisation-schedule";
import { outstandingDoses } from "../domain/immunisations";
import { nextOpticianCheckDue } from "../domain/optician-checks";
import { nextSdqDue } from "../domain/sdq";
import type { ConsentResolvers, DentalCheckResolvers, HealthSummaryResolvers, ImmunisationResolvers, OpticianCheckResolvers, SdqResolvers } from "../generated/graphql";
import type { Context } from "../context";

/** The health summary's rules, run when read (today's answer, from what is recorded and the date of birth). */
async function summaryOf(childId: string, ctx: Context) {
  const [child, given, checks, sdqs] = await Promise.all([
    ctx.children.load(childId),
    ctx.immunisations.load(childId),
    ctx.dentalChecks.load(childId),
    ctx.sdqs.load(childId),
  ]);
  const lastCheck = checks[0];
  const latestSdq = sdqs[0] ?? null;
  const dob = child?.dateOfBirth;
  return {
    outstanding: dob ? outstandingDoses(dob, given.map((g) => ({ vaccine: g.vaccine, givenOn: fromUtc(g.givenOn) })), today()) : [],
    dental: dob && lastCheck ? nextDentalCheckDue(ctx.tenant, dob, fromUtc(lastCheck.checkedOn)) : null,
    latestSdq,
    nextSdq: dob && latestSdq ? nextSdqDue(dob, fromUtc(latestSdq.completedOn)) : null,
  };
}

export const HealthSummary: HealthSummaryResolvers = {
  immunisationsUpToDate: async ({ childId }, _, ctx) => (await summaryOf(childId, ctx)).outstanding.length === 0,
  immunisationsOutstanding: async ({ childId }, _, ctx) =>
    (await summaryOf(childId, ctx)).outstanding.map((d) => `${d.vaccine} dose ${d.dose} (due ${formatDate(d.dueOn)})`),
  nextDentalCheckDue: async ({ childId }, _, ctx) => (await summaryOf(childId, ctx)).dental?.date ?? null,
  nextDentalCheckWorkings: async ({ childId }, _, ctx) => (await summaryOf(childId, ctx)).dental?.workings ?? null,
  latestSdq: async ({ childId }, _, ctx) => (await summaryOf(childId, ctx)).latestSdq,
  nextSdqDue: async ({ childId }, _, ctx) => (await summaryOf(childId, ctx)).nextSdq?.date ?? null,
  nextOpticianCheckDue: async ({ childId }, _, ctx) => {
    const [last] = await ctx.opticianChecks.load(childId);
    return last ? nextOpticianCheckDue(fromUtc(last.checkedOn)).date : null;
  },
};

export const OpticianCheck: OpticianCheckResolvers = { checkedOn: (o) => fromUtc(o.checkedOn) };

export const Immunisation: ImmunisationResolvers = {
  givenOn: (i) => fromUtc(i.givenOn),
  scheduleVaccine: (i) => vaccineNamed(i.vaccine),
};

export const DentalCheck: DentalCheckResolvers = { checkedOn: (d) => fromUtc(d.checkedOn) };

export const Sdq: SdqResolvers = { completedOn: (s) => fromUtc(s.completedOn) };

export const Consent: ConsentResolvers = {
  givenOn: (c) => fromUtc(c.givenOn),
  gillickAssessment: (c) =>
    c.gillickAssessedOn && c.gillickAssessedBy ? { assessedOn: fromUtc(c.gillickAssessedOn), assessedBy: c.gillickAssessedBy, about: c.gillickAbout } : null,
};
