import { allow, deny, IRule, IRules, rule, shield } from "graphql-shield";
import type { IMiddlewareGenerator } from "graphql-middleware";
import { GraphQLError } from "graphql";
import { Identity, Role } from "./identity";

export interface AuthContext {
  identity: Identity | null;
}

const unauthenticated = () =>
  new GraphQLError("Not authenticated: a verified access token is required", {
    extensions: { code: "UNAUTHENTICATED" },
  });

/** A verified identity is present (the subgraph refuses anything else). */
export const isAuthenticated: IRule = rule({ cache: "contextual" })((_p, _a, ctx: AuthContext) =>
  ctx.identity ? true : unauthenticated(),
);

/** The caller holds one of these roles. Rows are tenant-scoped by the data layer, not here. */
const roleRules = new Map<string, IRule>();

export function hasRole(...roles: Role[]): IRule {
  const name = `hasRole:${roles.join(",")}`;
  // shield refuses two rules with one name, so each role set has exactly one rule object.
  const existing = roleRules.get(name);
  if (existing) return existing;
  const created = rule(name, { cache: "contextual" })((_p, _a, ctx: AuthContext) =>
    !ctx.identity
      ? unauthenticated()
      : ctx.identity.roles.some((r) => roles.includes(r))
        ? true
        : new GraphQLError(`Forbidden: requires role ${roles.join(" or ")}`, { extensions: { code: "FORBIDDEN" } }),
  );
  roleRules.set(name, created);
  return created;
}

/**
 * graphql-shield fails open by default; CareGraph denies anything not named. The federation
 * plumbing is allowed explicitly: `_service` (composition) and `_entities` for any verified caller —
 * each entity's `__resolveReference` does its own tenant scoping, and every field of the entity
 * has its own role rule, so what a role may read is decided field by field, in one place.
 */
export function permissions(rules: IRules, entityRule: IRule = isAuthenticated): IMiddlewareGenerator<unknown, unknown, unknown> {
  const r = rules as Record<string, Record<string, unknown>>;
  return shield(
    {
      ...rules,
      Query: { ...(r.Query ?? {}), _service: allow, _entities: entityRule },
      _Service: allow,
    } as IRules,
    { fallbackRule: deny, allowExternalErrors: true, fallbackError: new GraphQLError("Forbidden: not permitted", { extensions: { code: "FORBIDDEN" } }) },
  );
}

export { allow, deny, rule };
