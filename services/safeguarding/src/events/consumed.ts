import { mergeHandlers } from "@caregraph/platform";
import { directory } from "../context";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * What the safeguarding domain reacts to: only the children directory (registered, looked after,
 * ceased to be looked after, archived, restored). ChildCeasedLookedAfter deliberately changes
 * nothing on the child-protection pathway: a child protection plan is not a looked-after matter
 * and continues (and its conferences stay due) when care ends.
 */
export function handlers() {
  return mergeHandlers<Tx>(directory.handlers);
}
