import { createServer, type Server } from "node:net";

/**
 * `n` different TCP ports free on 127.0.0.1 right now: all held open until every one is known, so
 * the system cannot hand the same port out twice (it may, to calls made one after another).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = createServer();
      servers.push(s);
      ports.push(
        await new Promise<number>((resolve, reject) => {
          s.once("error", reject);
          s.listen(0, "127.0.0.1", () => resolve((s.address() as { port: number }).port));
        }),
      );
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  }
}
