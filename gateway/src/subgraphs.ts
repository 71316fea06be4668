/**
 * The subgraphs the gateway composes, with where each listens by default (npm start) and the
 * variable that points the gateway elsewhere. Adding a domain = a line here + its service folder.
 */
export const SUBGRAPHS = [
  { name: "children", port: 4001 },
  { name: "placements", port: 4002 },
  { name: "health", port: 4003 },
  { name: "safeguarding", port: 4004 },
  { name: "care-planning", port: 4005 },
  { name: "education", port: 4006 },
  { name: "leaving-care", port: 4007 },
  { name: "family", port: 4008 },
  { name: "uasc", port: 4009 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]["name"];

/** e.g. CHILDREN_URL, LEAVING_CARE_URL */
export const urlVariable = (name: string) => `${name.toUpperCase().replace(/-/g, "_")}_URL`;

export function subgraphUrl(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const sg = SUBGRAPHS.find((s) => s.name === name);
  return env[urlVariable(name)] ?? `http://127.0.0.1:${sg?.port ?? 0}/graphql`;
}

/** The largest page (`first`) any subgraph serves: children(first) accepts 1..100. The cost limit counts a `first` variable as this. */
export const MAX_PAGE_SIZE = 100;
