import { now as clockNow } from "@caregraph/platform/clock";
import type { Redis } from "ioredis";

/**
 * A fixed one-minute window per user in Redis, shared by every gateway replica. INCR and EXPIRE
 * run in one MULTI so a crash can never leave a key without its expiry. `max` gives one caller a
 * limit of its own (a partner agency's, infra/platform/src/auth/partners.ts).
 */
export function rateLimiter(redis: Redis, perMinute: number) {
  return async (key: string, now = clockNow().getTime(), max = perMinute): Promise<{ allowed: boolean; remaining: number; resetSeconds: number }> => {
    const window = Math.floor(now / 60_000);
    const redisKey = `caregraph:ratelimit:${key}:${window}`;
    const result = await redis.multi().incr(redisKey).expire(redisKey, 61).exec();
    const count = Number(result?.[0]?.[1] ?? 0);
    return {
      allowed: count <= max,
      remaining: Math.max(0, max - count),
      resetSeconds: 60 - Math.floor((now % 60_000) / 1000),
    };
  };
}
