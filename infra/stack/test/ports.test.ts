import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { freePorts } from "../src/ports";

/** Ports for a stack's processes: distinct, free, and never ones an outgoing connection can take meanwhile. */
it("gives distinct free ports below the ephemeral range", async () => {
  const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
  const ports = await freePorts(19);
  expect(new Set(ports).size).toBe(19);
  for (const port of ports) expect(port).toBeLessThan(low!);
  for (const port of ports) {
    const s = createServer();
    await new Promise<void>((resolve, reject) => s.once("error", reject).listen(port, "127.0.0.1", resolve));
    await new Promise((resolve) => s.close(resolve));
  }
});
