import { readFileSync } from "node:fs";

/**
 * Resident memory (RSS) of processes, in bytes, from /proc (Linux). A process that is gone or a
 * system without /proc counts 0, so the figure is a floor, never a guess.
 */
export function residentBytes(pids: (number | undefined)[]): number {
  let total = 0;
  for (const pid of pids) {
    if (!pid) continue;
    try {
      const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (kb) total += Number(kb[1]) * 1024;
    } catch {
      // gone, or no /proc
    }
  }
  return total;
}

export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
