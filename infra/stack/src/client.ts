/** A minimal GraphQL client for the stack's own tools (seed, bench, tests). */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[]; status: number }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await res.json()) as object), status: res.status };
}

/** Like graphql(), but any error is thrown. */
export async function graphqlOk<T = Record<string, unknown>>(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await graphql<T>(url, token, query, variables);
  if (r.errors?.length || !r.data) throw new Error(`GraphQL error (${r.status}): ${JSON.stringify(r.errors)}`);
  return r.data;
}
