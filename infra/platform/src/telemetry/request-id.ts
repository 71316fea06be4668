import { randomUUID } from "node:crypto";

/** The header that carries one request's id from the gateway to every subgraph it calls. */
export const REQUEST_ID_HEADER = "x-request-id";

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keep a caller's id when it is well-formed (so logs join up), otherwise mint one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}
