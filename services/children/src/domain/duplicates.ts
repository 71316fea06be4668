import { GraphQLError } from "graphql";

/**
 * The same child sent twice (a double submit, or a second worker) must not become two records:
 * a registration whose first name, last name (case and accents ignored) and date of birth match
 * a child already recorded is refused unless the worker confirms it is a different child.
 */
export class PossibleDuplicateError extends GraphQLError {
  constructor(existingChildId: string, archived: boolean) {
    super(
      `input: a child with the same name and date of birth is already recorded${archived ? " (archived: restore it instead)" : ""}; if this is a different child, send confirmedNotDuplicate: true`,
      { extensions: { code: "BAD_USER_INPUT", field: "input.confirmedNotDuplicate", rule: "POSSIBLE_DUPLICATE", existingChildId } },
    );
  }
}
