import {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from "graphql";

/**
 * The query limits the gateway enforces before planning anything, and how it says so. Each refusal
 * is an HTTP 400 whose message names the limit ("cost limit", "depth limit", …) and whose
 * `extensions` carry `code` plus the measured value and the limit, so a client can tell what to
 * change — never a "Syntax Error" for a query that parsed.
 */

/**
 * graphql-armor's cost model (its defaults: objectCost 2, scalarCost 1, depthCostFactor 1.5),
 * computed here so the page size counts the way the subgraphs serve it: `first`/`last` as a
 * literal multiplies the field's cost; given as a variable it counts as the largest page the
 * subgraphs allow (the variable could be that); left out, as the argument's schema default.
 */
export const COST_MODEL = { objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 } as const;

export interface CostOptions {
  /** The largest `first` any subgraph accepts (children(first) allows 1..100). */
  maxPageSize: number;
}

export function operationCost(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode | undefined>,
  schema: GraphQLSchema | undefined,
  o: CostOptions,
): number {
  const { objectCost, scalarCost, depthCostFactor } = COST_MODEL;
  const typeNamed = (name: string | undefined) => (name && schema ? schema.getType(name) : undefined);

  const pageSize = (field: FieldNode, parent: GraphQLNamedType | undefined): number => {
    const arg = field.arguments?.find((a) => a.name.value === "first" || a.name.value === "last");
    if (arg?.value.kind === Kind.INT) return Math.max(Number.parseInt(arg.value.value, 10) || 1, 1);
    if (arg?.value.kind === Kind.VARIABLE) return o.maxPageSize;
    const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
    const fallback = def?.args.find((a) => a.name === "first")?.defaultValue;
    return typeof fallback === "number" && fallback > 1 ? fallback : 1;
  };

  /**
   * A selection set's cost: each field times the depth factor (1 at the top level). Fragments are
   * flattened (graphql-armor's flattenFragments): `...ChildFields` costs what its fields would cost
   * written out, so a client that uses fragments is not charged more for the same data.
   */
  const selections = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, path: ReadonlySet<string>, factor: number): number =>
    set.selections.reduce((sum, s) => {
      if (s.kind === Kind.FIELD) return sum + factor * field(s, parent, path);
      if (s.kind === Kind.INLINE_FRAGMENT) return sum + selections(s.selectionSet, typeNamed(s.typeCondition?.name.value) ?? parent, path, factor);
      const fragment = fragments[s.name.value];
      if (!fragment || path.has(s.name.value)) return sum; // a fragment cycle is its own validation error
      return sum + selections(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value), new Set(path).add(s.name.value), factor);
    }, 0);

  const field = (f: FieldNode, parent: GraphQLNamedType | undefined, path: ReadonlySet<string>): number => {
    if (f.name.value === "__schema") return 0; // introspection is not what the limit is for
    if (!f.selectionSet) return scalarCost;
    const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[f.name.value] : undefined;
    const type = def ? getNamedType(def.type) : undefined;
    return (objectCost + selections(f.selectionSet, type, path, depthCostFactor)) * pageSize(f, parent);
  };

  const root =
    (operation.operation === "mutation" ? schema?.getMutationType() : operation.operation === "subscription" ? schema?.getSubscriptionType() : schema?.getQueryType()) ??
    undefined;
  // Top-level fields count at face value (no depth factor), as in graphql-armor.
  return selections(operation.selectionSet, root, new Set(), 1);
}

/** graphql-armor's default directive limit; no client of ours needs more. */
export const MAX_DIRECTIVES = 50;

/** Why a query was refused, with the number measured and the limit it broke. */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly limitCode: "COST_LIMIT" | "DEPTH_LIMIT" | "ALIAS_LIMIT" | "DIRECTIVE_LIMIT" | "TOKEN_LIMIT",
    message: string,
    measured: Record<string, number>,
    limit: number,
  ) {
    super(message, { extensions: { code: limitCode, ...measured, limit } });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

export function costLimitError(cost: number, limit: number): QueryLimitError {
  return new QueryLimitError(
    "COST_LIMIT",
    `Query refused: its cost of ${round(cost)} is over the cost limit of ${limit}. Ask for fewer fields or a smaller page (first).`,
    { cost: round(cost) },
    limit,
  );
}

/** A validation rule: the operation's cost (see operationCost) must not exceed `limit`. */
export function costLimitRule(limit: number, o: CostOptions): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = Object.fromEntries(
      context.getDocument().definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
    );
    return {
      OperationDefinition(node) {
        const cost = operationCost(node, fragments, context.getSchema(), o);
        if (cost > limit) context.reportError(costLimitError(cost, limit));
      },
    };
  };
}

export const depthLimitError = (depth: number, limit: number) =>
  new QueryLimitError("DEPTH_LIMIT", `Query refused: it nests ${depth} levels deep, over the depth limit of ${limit}.`, { depth }, limit);

export const aliasLimitError = (aliases: number, limit: number) =>
  new QueryLimitError("ALIAS_LIMIT", `Query refused: it uses ${aliases} aliases, over the alias limit of ${limit}.`, { aliases }, limit);

export const directiveLimitError = (directives: number, limit: number) =>
  new QueryLimitError("DIRECTIVE_LIMIT", `Query refused: it uses ${directives} directives, over the directive limit of ${limit}.`, { directives }, limit);

export const tokenLimitError = (limit: number) =>
  new QueryLimitError("TOKEN_LIMIT", `Query refused: it has more than ${limit} tokens, over the token limit of ${limit}.`, {}, limit);

/** graphql-js's own words when `parse(…, { maxTokens })` gives up (graphql 16). */
const TOKENS_ABORTED = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/;

/**
 * Apollo Server files every validation error under GRAPHQL_VALIDATION_FAILED and every parse error
 * under GRAPHQL_PARSE_FAILED; a refused limit keeps its own code (the HTTP status stays 400).
 */
export function formatLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof QueryLimitError) {
    return { ...formatted, message: original.message, extensions: { ...formatted.extensions, ...original.extensions } };
  }
  const tokens = TOKENS_ABORTED.exec(formatted.message);
  if (tokens) {
    const e = tokenLimitError(Number(tokens[1]));
    return { message: e.message, extensions: { ...e.extensions } };
  }
  return formatted;
}
