import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { isLocalDate, LocalDate } from "../calendar";

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function parse(value: unknown): LocalDate {
  if (typeof value === "string" && isLocalDate(value)) return value;
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const month = m ? Number(m[2]) : 0;
  if (m && month >= 1 && month <= 12) {
    // Well formed, but no such day: say which rule it broke and why ("2015-02-30").
    const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
    throw new GraphQLError(
      `Date must be a day that exists on the calendar, written YYYY-MM-DD: ${JSON.stringify(value)} does not (${MONTH_NAMES[month - 1]} ${m[1]} has ${days} days)`,
      { extensions: { code: "BAD_USER_INPUT", rule: "DATE_EXISTS" } },
    );
  }
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

// An instant says where on the clock it was read: "2026-12-18T14:30:00Z" or "…+01:00", never a bare local time.
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i;

function parseInstant(value: unknown): Date {
  const m = typeof value === "string" ? INSTANT.exec(value) : null;
  const inRange = m && isLocalDate(m[1]!) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[5] ?? 0) < 60 && Number(m[8] ?? 0) < 24 && Number(m[9] ?? 0) < 60;
  const d = inRange ? new Date(value as string) : null;
  if (d && !Number.isNaN(d.getTime())) return d;
  throw new GraphQLError(`DateTime must be an ISO 8601 instant with its offset, e.g. 2026-12-18T14:30:00Z or 2026-06-18T15:30:00+01:00; got ${JSON.stringify(value)}`, {
    extensions: { code: "BAD_USER_INPUT", rule: "DATETIME_FORMAT" },
  });
}

/** `scalar DateTime`: an instant, ISO 8601 with its offset (a time without one is refused, as is 30 Feb or 25:00). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An instant, ISO 8601 with its offset.",
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});
