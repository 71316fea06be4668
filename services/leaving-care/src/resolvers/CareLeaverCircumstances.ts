import { fromUtc } from "@caregraph/platform/calendar";
import type { CareLeaverCircumstancesResolvers } from "../generated/graphql";

export const CareLeaverCircumstances: CareLeaverCircumstancesResolvers = {
  recordedOn: (c) => fromUtc(c.recordedOn),
};
