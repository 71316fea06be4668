import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { isLocalDate, LocalDate } from "../calendar";

function parse(value: unknown): LocalDate {
  if (typeof value === "string" && isLocalDate(value)) return value;
  throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
    extensions: { code: "BAD_USER_INPUT", rule: "DATE_FORMAT" },
  });
}

/** `scalar Date`: a calendar date ("YYYY-MM-DD"), no time or zone — as statutes count days. */
export const DateScalar = new GraphQLScalarType<LocalDate, string>({
  name: "Date",
  description: 'A calendar date, "YYYY-MM-DD".',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parse(value)),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** `scalar DateTime`: an instant, ISO 8601 with zone. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: (value) => new Date(String(value)),
});
