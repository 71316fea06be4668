import { LocalDate, todayInEngland } from "../calendar/local-date";

/**
 * The platform's one clock. Nothing in CareGraph reads the system time except through it, so a
 * practice environment, a demo or a test can live on any date:
 *
 *   CAREGRAPH_CLOCK=2026-12-18T09:00:00Z   "now" starts at that instant and runs on from there.
 *
 * `npm start` fixes the moment the clock was set (CAREGRAPH_CLOCK_SET_AT, real time) and hands
 * both to every process it launches, so all of them agree to the millisecond however late each
 * one started. Without CAREGRAPH_CLOCK the clock is real time.
 */
export interface ClockSetting {
  /** The instant "now" was set to… */
  at: Date;
  /** …at this real (system) instant. */
  setAt: Date;
}

let offsetMs = 0;

/** Parses CAREGRAPH_CLOCK (+ CAREGRAPH_CLOCK_SET_AT); throws a message naming the variable. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env, realNow: Date = systemNow()): ClockSetting | null {
  const value = env.CAREGRAPH_CLOCK?.trim();
  if (!value) return null;
  const at = parseInstant(value, "CAREGRAPH_CLOCK");
  const setAt = env.CAREGRAPH_CLOCK_SET_AT ? parseInstant(env.CAREGRAPH_CLOCK_SET_AT, "CAREGRAPH_CLOCK_SET_AT") : realNow;
  return { at, setAt };
}

function parseInstant(value: string, name: string): Date {
  // An instant needs its offset: "2026-12-18T09:00:00Z" or "…+01:00"; a bare date means midnight in England is ambiguous.
  const d = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    throw new RangeError(`${name} must be an ISO 8601 instant with its offset, e.g. 2026-12-18T09:00:00Z; got "${value}"`);
  }
  return d;
}

/** Sets the clock (tests, demos); `null` goes back to real time. */
export function setClock(setting: ClockSetting | Date | string | null): void {
  if (setting === null) {
    offsetMs = 0;
    return;
  }
  const s: ClockSetting =
    setting instanceof Date || typeof setting === "string"
      ? { at: typeof setting === "string" ? parseInstant(setting, "clock") : setting, setAt: systemNow() }
      : setting;
  offsetMs = s.at.getTime() - s.setAt.getTime();
}

/** The current instant on the platform's clock. */
export function now(): Date {
  return new Date(systemNow().getTime() + offsetMs);
}

/** Today's date in England on the platform's clock. */
export function today(): LocalDate {
  return todayInEngland(now());
}

/** The environment a child process needs to share this process's clock exactly. */
export function clockEnv(): Record<string, string> {
  if (offsetMs === 0) return {};
  const setAt = systemNow();
  return { CAREGRAPH_CLOCK: new Date(setAt.getTime() + offsetMs).toISOString(), CAREGRAPH_CLOCK_SET_AT: setAt.toISOString() };
}

// The one place the system time is read.
function systemNow(): Date {
  return new Date();
}

/**
 * The machine's real time, whatever the platform clock is set to: only for what another system
 * checks against its own clock (an S3 request signature is refused 15 minutes off). Domain time
 * is always now().
 */
export function realNow(): Date {
  return systemNow();
}

// Every process starts on the clock its environment sets (a bad value is reported by config validation).
try {
  const fromEnv = clockFromEnv();
  if (fromEnv) setClock(fromEnv);
} catch {
  // loadServiceConfig / loadGatewayConfig name the variable and stop the process.
}
