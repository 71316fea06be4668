import { join } from "node:path";
import { readTypeDefs, rulesFor } from "@caregraph/platform";

/**
 * Generated from the access matrix (infra/platform/src/auth/matrix.ts, rendered to
 * infra/platform/ACCESS.md): who reads and writes the family domain, field by field. Change the
 * matrix, never this file; every type and field of schema.graphql gets a rule, anything else is denied.
 */
export const rules = rulesFor("family", readTypeDefs(join(__dirname, "..")));
