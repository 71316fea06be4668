import type { CarePlanResolvers } from "../generated/graphql";
import type { Contribution } from "../domain/care-plan";

export const CarePlan: CarePlanResolvers = {
  contributions: (p) => (Array.isArray(p.contributions) ? (p.contributions as unknown as Contribution[]) : []),
};
