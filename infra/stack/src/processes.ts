import { ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, WriteStream } from "node:fs";
import { join } from "node:path";

/**
 * One CareGraph process (a subgraph, the gateway, the embedded broker) started from its built
 * entry point, its output kept in a log file, considered up once its readiness URL answers 200.
 */
export class ManagedProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  readonly logFile: string;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
    private readonly readyUrl?: string,
  ) {
    mkdirSync(logDir, { recursive: true });
    this.logFile = join(logDir, `${name}.log`);
  }

  /** The OS process id while running. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Starts and resolves when ready; rejects with the log's tail if the process dies first. Nine
   * subgraphs open their databases and migrate at once: on a loaded 2-core machine that has taken
   * over a minute, so the default wait is generous.
   */
  async start(timeoutMs = 150_000, onLine?: (line: string) => void): Promise<void> {
    this.log = createWriteStream(this.logFile, { flags: "a" });
    const child = spawn(process.execPath, [this.entry], { env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    if (onLine) {
      let buffer = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        let i;
        while ((i = buffer.indexOf("\n")) >= 0) {
          onLine(buffer.slice(0, i));
          buffer = buffer.slice(i + 1);
        }
      });
    }
    const exited = new Promise<never>((_, reject) => {
      child.once("exit", (code, signal) =>
        reject(new Error(`${this.name} exited (${signal ?? code}) before it was ready:\n${this.tail()}`)),
      );
    });
    exited.catch(() => undefined);
    if (!this.readyUrl) return;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ok = await Promise.race([
        fetch(this.readyUrl, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false),
        exited,
      ]);
      if (ok) return;
      await Promise.race([new Promise((r) => setTimeout(r, 200)), exited]);
    }
    await this.stop();
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.tail()}`);
  }

  /** SIGTERM (graceful), then SIGKILL after a grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await gone;
    clearTimeout(timer);
    this.log?.end();
    this.child = null;
  }

  /** The last lines of the process's log, for error messages. */
  tail(lines = 30): string {
    try {
      return readFileSync(this.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }
}
