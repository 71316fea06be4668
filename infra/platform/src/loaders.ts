import DataLoader from "dataloader";

/**
 * A per-request loader for lists that hang off a child (placements, assessments, statuses):
 * one query for all the children a request touches, rows handed back per child in query order.
 */
export function childKeyedLoader<Row extends { childId: string }>(fetch: (childIds: string[]) => Promise<Row[]>): DataLoader<string, Row[]> {
  return new DataLoader(async (childIds) => {
    const byChild = new Map<string, Row[]>(childIds.map((id) => [id, []]));
    for (const row of await fetch([...childIds])) byChild.get(row.childId)?.push(row);
    return childIds.map((id) => byChild.get(id) ?? []);
  });
}
