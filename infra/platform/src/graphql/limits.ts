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
 * The query limits every CareGraph process enforces — the gateway before planning anything, each
 * subgraph before executing anything (one implementation, so a subgraph reached directly is no
 * softer than the front door) — and how it says so. Each refusal
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
      // Each fragment is costed once (at factor 1, the cost scales with the factor): a chain of
      // fragments each spreading the next twice cannot make this exponential.
      let once = memo.get(s.name.value);
      if (once === undefined) {
        once = selections(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value), new Set(path).add(s.name.value), 1);
        memo.set(s.name.value, once);
      }
      return sum + factor * once;
    }, 0);
  const memo = new Map<string, number>();

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

/** The limits in force (see queryLimitsShape in config.ts for the defaults and why). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxDirectives?: number;
  /** The largest page (`first`) any subgraph serves; a `first` variable counts as this. */
  maxPageSize: number;
}

/** The largest page (`first`) any subgraph serves: children(first) accepts 1..100. */
export const MAX_PAGE_SIZE = 100;

type Fragments = Record<string, FragmentDefinitionNode | undefined>;

/**
 * Deepest field nesting (graphql-armor's count: a top-level field is depth 1; fragments are
 * flattened, so `...F` nests as deep as its fields written out; `__schema` is not counted).
 */
export function operationDepth(
  set: SelectionSetNode,
  fragments: Fragments,
  seen: ReadonlySet<string> = new Set(),
  depth = 0,
  memo = new Map<string, number>(),
): number {
  let deepest = depth;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value === "__schema") continue;
      deepest = Math.max(deepest, s.selectionSet ? operationDepth(s.selectionSet, fragments, seen, depth + 1, memo) : depth + 1);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, operationDepth(s.selectionSet, fragments, seen, depth, memo));
    } else {
      const fragment = fragments[s.name.value];
      if (!fragment || seen.has(s.name.value)) continue; // a cycle is its own validation error
      let own = memo.get(s.name.value); // each fragment measured once (no exponential fan-out)
      if (own === undefined) {
        own = operationDepth(fragment.selectionSet, fragments, new Set(seen).add(s.name.value), 0, memo);
        memo.set(s.name.value, own);
      }
      deepest = Math.max(deepest, depth + own);
    }
  }
  return deepest;
}

/** Aliases and directives used, fragments counted where they are spread (each fragment once per path). */
type Counts = { aliases: number; directives: number };
export function operationCounts(set: SelectionSetNode, fragments: Fragments, seen: ReadonlySet<string> = new Set(), memo = new Map<string, Counts>()): Counts {
  let aliases = 0;
  let directives = 0;
  for (const s of set.selections) {
    directives += s.directives?.length ?? 0;
    let inner: Counts | undefined;
    if (s.kind === Kind.FIELD) {
      if (s.alias) aliases++;
      if (s.selectionSet) inner = operationCounts(s.selectionSet, fragments, seen, memo);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      inner = operationCounts(s.selectionSet, fragments, seen, memo);
    } else {
      const fragment = fragments[s.name.value];
      if (fragment && !seen.has(s.name.value)) {
        inner = memo.get(s.name.value);
        if (!inner) {
          const own = operationCounts(fragment.selectionSet, fragments, new Set(seen).add(s.name.value), memo);
          inner = { aliases: own.aliases, directives: own.directives + (fragment.directives?.length ?? 0) };
          memo.set(s.name.value, inner);
        }
      }
    }
    if (inner) {
      aliases += inner.aliases;
      directives += inner.directives;
    }
  }
  return { aliases, directives };
}

/**
 * Depth, alias, directive and cost limits as one validation rule per operation. (Tokens are
 * capped earlier, by graphql-js's parser: `parseOptions: { maxTokens }` — see parseOptions.)
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const shape: ValidationRule = (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context);
    return {
      OperationDefinition(node) {
        const depth = operationDepth(node.selectionSet, fragments);
        if (depth > limits.maxDepth) context.reportError(depthLimitError(depth, limits.maxDepth));
        const { aliases, directives } = operationCounts(node.selectionSet, fragments);
        if (aliases > limits.maxAliases) context.reportError(aliasLimitError(aliases, limits.maxAliases));
        const maxDirectives = limits.maxDirectives ?? MAX_DIRECTIVES;
        const all = directives + (node.directives?.length ?? 0);
        if (all > maxDirectives) context.reportError(directiveLimitError(all, maxDirectives));
      },
    };
  };
  return [shape, costLimitRule(limits.maxCost, { maxPageSize: limits.maxPageSize })];
}

const fragmentsOf = (context: ValidationContext): Fragments =>
  Object.fromEntries(
    context.getDocument().definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );

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
    const fragments = fragmentsOf(context);
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
