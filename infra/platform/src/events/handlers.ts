import type { RawSql } from "../db-types";
import type { EventHandler } from "./consumer";

/** Several handlers for one event type run in order, inside the same transaction. */
export function mergeHandlers<Tx extends RawSql>(...maps: Record<string, EventHandler<Tx>>[]): Record<string, EventHandler<Tx>> {
  const merged: Record<string, EventHandler<Tx>[]> = {};
  for (const map of maps) for (const [type, h] of Object.entries(map)) (merged[type] ??= []).push(h);
  return Object.fromEntries(
    Object.entries(merged).map(([type, hs]) => [
      type,
      async (tx: Tx, e: Parameters<EventHandler<Tx>>[1]) => {
        for (const h of hs) await h(tx, e);
      },
    ]),
  );
}
