import type { ApolloServerPlugin } from "@apollo/server";
import { DocumentNode, GraphQLError, Kind, ValueNode, visit } from "graphql";

/**
 * Limits on free text, one place for every domain: a name (first, last, preferred) is at most
 * NAME_MAX characters, any other string a caller sends (notes, summaries, reasons) at most
 * FREE_TEXT_MAX. The platform checks FREE_TEXT_MAX and NUL bytes on every argument before any
 * resolver runs; domains check their tighter limits (names) themselves.
 */
export const TEXT_LIMITS = { NAME_MAX: 100, FREE_TEXT_MAX: 10_000 } as const;

/** Bad input found before execution: BAD_USER_INPUT with field + rule, HTTP 400. */
const refusal = (field: string, rule: string, message: string) =>
  new GraphQLError(`${field}: ${message}`, { extensions: { code: "BAD_USER_INPUT", field, rule, http: { status: 400 } } });

/**
 * Every string argument of the operation — written in the document or passed as a variable —
 * checked before execution: a NUL byte (U+0000, which PostgreSQL text cannot hold) is refused as
 * bad input naming the argument (e.g. "input.note"), and so is a string longer than FREE_TEXT_MAX.
 * Throws the first refusal found.
 */
export function checkInputStrings(document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  const checkString = (field: string, value: string) => {
    if (value.includes("\u0000")) throw refusal(field, "NO_NUL", "must not contain a NUL character (U+0000)");
    if (value.length > TEXT_LIMITS.FREE_TEXT_MAX) {
      throw refusal(field, "MAX_LENGTH", `at most ${TEXT_LIMITS.FREE_TEXT_MAX} characters (got ${value.length})`);
    }
  };
  const checkJson = (field: string, value: unknown, depth = 0): void => {
    if (depth > 64) throw refusal(field, "MAX_NESTING", "is nested too deeply");
    if (typeof value === "string") return checkString(field, value);
    if (Array.isArray(value)) return value.forEach((v, i) => checkJson(`${field}.${i}`, v, depth + 1));
    if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        checkString(`${field}.<key>`, k);
        checkJson(`${field}.${k}`, v, depth + 1);
      }
    }
  };
  const checkNode = (field: string, node: ValueNode): void => {
    switch (node.kind) {
      case Kind.STRING:
        return checkString(field, node.value);
      case Kind.VARIABLE:
        return checkJson(field, variables?.[node.name.value]);
      case Kind.LIST:
        return node.values.forEach((v, i) => checkNode(`${field}.${i}`, v));
      case Kind.OBJECT:
        return node.fields.forEach((f) => checkNode(`${field}.${f.name.value}`, f.value));
      default:
        return;
    }
  };
  visit(document, {
    Argument(node) {
      checkNode(node.name.value, node.value);
    },
  });
  // Variables the document does not use reach no resolver, but still say no to a NUL byte.
  for (const [name, value] of Object.entries(variables ?? {})) checkJson(name, value);
}

/** checkInputStrings as an Apollo Server plugin (after parsing and validation, before execution). */
export function inputChecks<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          checkInputStrings(document, request.variables);
        },
      };
    },
  };
}
