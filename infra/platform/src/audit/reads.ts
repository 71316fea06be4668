import { defaultFieldResolver, GraphQLResolveInfo, Kind, type DocumentNode } from "graphql";
import { withOperation } from "./operation";
import type { Read } from "../records";

/**
 * Audit of reads: every read of a child's record in a subgraph is collected per request and
 * written as ONE audit entry (records.ts `read`) once the request's resolvers have all settled —
 * a caseload of 50 children is one insert, not 50.
 *
 * What counts as a read of a child's record (wrapped here, for every service, from its typeDefs):
 * - any field of `Child` (the children subgraph's own fields, every other subgraph's extension
 *   fields, including `_entities` → `Child.__resolveReference`): the parent's id;
 * - any root Query field given a `childId` argument, and any root Query/Mutation field returning
 *   objects that carry a `childId` (e.g. `healthAssessment(id)`): those ids.
 * The fields read ("Child.healthAssessments", "Query.child") form the entry's fields group.
 * A field shield refuses never runs, so it is never audited as read.
 *
 * The write happens just after the response is computed (a macrotask after the last resolver),
 * in its own tenant-scoped transaction; if it fails the failure is logged as an error.
 */
/** Where the request's collector sits on its context. */
export const READ_COLLECTOR = Symbol("caregraph.readCollector");

export class ReadCollector {
  private pending = 0;
  private childIds = new Set<string>();
  private fields = new Set<string>();
  private scheduled = false;
  /** Settles when everything collected so far is written (tests). */
  written: Promise<void> = Promise.resolve();

  constructor(private readonly write: (read: Read) => Promise<void>) {}

  /** The request's operation name (set by the first resolver that runs). */
  operation: string | undefined;

  add(childId: unknown, field: string): void {
    if (typeof childId !== "string" || !childId) return;
    this.childIds.add(childId.toLowerCase()); // ids are uuids, compared as lower-case text
    this.fields.add(field);
    this.schedule();
  }

  track<T>(result: T): T {
    if (result && typeof (result as { then?: unknown }).then === "function") {
      this.pending++;
      const done = () => {
        this.pending--;
        this.schedule();
      };
      (result as unknown as Promise<unknown>).then(done, done);
    }
    return result;
  }

  private schedule(): void {
    if (this.scheduled || this.pending > 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.pending > 0 || !this.childIds.size) return;
      const read: Read = { childIds: [...this.childIds], fields: [...this.fields], operation: this.operation };
      this.childIds = new Set();
      this.fields = new Set();
      const previous = this.written;
      this.written = previous.then(() => this.write(read));
    });
  }
}

type Resolver = (parent: unknown, args: Record<string, unknown>, ctx: object, info: GraphQLResolveInfo) => unknown;
type ResolverMap = Record<string, Record<string, unknown>>;

/** The fields every definition of `typeName` in the document declares. */
function fieldsOf(typeDefs: DocumentNode, typeName: string): string[] {
  const names: string[] = [];
  for (const d of typeDefs.definitions) {
    if ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === typeName) {
      for (const f of d.fields ?? []) names.push(f.name.value);
    }
  }
  return names;
}

function childIdsIn(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(childIdsIn);
  if (value && typeof value === "object" && "childId" in value) return [(value as { childId: unknown }).childId];
  return [];
}

/**
 * The service's resolvers with read auditing (and the operation name for change entries) around
 * them. `collectorOf(ctx)` gives the request's collector (undefined: not audited, e.g. no caller).
 */
export function auditedResolvers(typeDefs: DocumentNode, resolvers: Record<string, unknown>, collectorOf: (ctx: object) => ReadCollector | undefined): Record<string, unknown> {
  const map = resolvers as ResolverMap;
  const out: ResolverMap = { ...map };
  const opName = (info: GraphQLResolveInfo) => info.operation.name?.value ?? info.fieldName;

  const childFields = fieldsOf(typeDefs, "Child");
  if (childFields.length) {
    const child: Record<string, unknown> = { ...(map.Child ?? {}) };
    for (const field of childFields) {
      const original = (map.Child?.[field] as Resolver | undefined) ?? (defaultFieldResolver as Resolver);
      child[field] = (parent: unknown, args: Record<string, unknown>, ctx: object, info: GraphQLResolveInfo) => {
        const collector = collectorOf(ctx);
        if (collector) collector.operation ??= opName(info);
        collector?.add((parent as { id?: unknown } | null)?.id, `Child.${field}`);
        const result = original(parent, args, ctx, info);
        return collector ? collector.track(result) : result;
      };
    }
    const reference = map.Child?.__resolveReference as ((ref: { id?: unknown }, ctx: object, info: GraphQLResolveInfo) => unknown) | undefined;
    if (reference) {
      child.__resolveReference = (ref: { id?: unknown }, ctx: object, info: GraphQLResolveInfo) => {
        const collector = collectorOf(ctx);
        if (collector) collector.operation ??= opName(info);
        const result = withOperation(opName(info), () => reference(ref, ctx, info));
        return collector ? collector.track(result) : result;
      };
    }
    out.Child = child;
  }

  for (const root of ["Query", "Mutation"]) {
    if (!map[root]) continue;
    const wrapped: Record<string, unknown> = {};
    for (const [field, resolver] of Object.entries(map[root]!)) {
      if (typeof resolver !== "function") {
        wrapped[field] = resolver;
        continue;
      }
      wrapped[field] = (parent: unknown, args: Record<string, unknown>, ctx: object, info: GraphQLResolveInfo) => {
        const collector = collectorOf(ctx);
        if (collector) collector.operation ??= opName(info);
        const result = withOperation(opName(info), () => (resolver as Resolver)(parent, args, ctx, info));
        if (!collector) return result;
        const label = `${root}.${field}`;
        // A query naming a child is a read (even of nothing); a mutation's changes are audited by
        // the recorder, and what it returns is audited below.
        if (root === "Query" && typeof args?.childId === "string") collector.add(args.childId, label);
        const seen = (value: unknown) => {
          for (const id of childIdsIn(value)) collector.add(id, label);
          return value;
        };
        return collector.track(result && typeof (result as { then?: unknown }).then === "function" ? (result as Promise<unknown>).then(seen) : seen(result));
      };
    }
    out[root] = wrapped;
  }
  return out;
}
