import { GraphQLError } from "graphql";

/**
 * Bad input is answered with the field it concerns and the rule it broke, in words a
 * practitioner can act on, e.g. field "input.startDate", rule "PLACEMENT_OVERLAP".
 */
export class InvalidInputError extends GraphQLError {
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(`${field}: ${message}`, { extensions: { code: "BAD_USER_INPUT", field, rule } });
  }
}

export function invalidInput(field: string, rule: string, message: string): never {
  throw new InvalidInputError(field, rule, message);
}

/** A record that is absent, or belongs to another local authority (which looks the same). */
export class NotFoundError extends GraphQLError {
  constructor(field: string, what: string) {
    super(`${field}: no ${what} with that id in your local authority`, {
      extensions: { code: "NOT_FOUND", field, rule: "EXISTS" },
    });
  }
}
