import type { MutationResolvers } from "../generated/graphql";
import { ageAssessment } from "./mutations/age-assessment";
import { appeals } from "./mutations/appeals";
import { caseDetails } from "./mutations/case";
import { familyTracing } from "./mutations/family-tracing";
import { immigration } from "./mutations/immigration";

/** Every write goes through change.ts: child in scope, per-child lock, checks inside it, audit + events in one transaction. */
export const Mutation: MutationResolvers = { ...immigration, ...ageAssessment, ...appeals, ...caseDetails, ...familyTracing };
