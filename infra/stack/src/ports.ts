import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";

/**
 * `n` different TCP ports free on 127.0.0.1 right now, for processes that bind them a moment later.
 *
 * Chosen below the system's ephemeral range: a port from there (what listen(0) hands out) can be
 * taken in that moment as the local end of any outgoing connection — a subgraph's to PostgreSQL,
 * say — and the process meant to listen on it fails with EADDRINUSE (seen in CI). Below the range
 * only another listener can take it. All are held open until every one is known, so none is
 * handed out twice.
 */
export async function freePorts(n: number): Promise<number[]> {
  const [ephemeralLow] = ephemeralRange();
  const floor = 10_000;
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    while (ports.length < n) {
      const wanted = ephemeralLow - floor > 1000 ? floor + Math.floor(Math.random() * (ephemeralLow - floor)) : 0;
      if (wanted && ports.includes(wanted)) continue;
      const s = createServer();
      const port = await new Promise<number | null>((resolve, reject) => {
        s.once("error", (error: NodeJS.ErrnoException) => (wanted && error.code === "EADDRINUSE" ? resolve(null) : reject(error)));
        s.listen(wanted, "127.0.0.1", () => resolve((s.address() as { port: number }).port));
      });
      if (port === null) continue; // taken: try another
      servers.push(s);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  }
}

/** Linux's ephemeral port range (elsewhere, IANA's 49152–65535). */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux
  }
  return [49_152, 65_535];
}
