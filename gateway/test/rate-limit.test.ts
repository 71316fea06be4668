import { Redis } from "ioredis";
import { rateLimiter } from "../src/rate-limit";

const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
afterAll(() => redis.quit());

describe("rate limit (real Redis)", () => {
  it("allows the limit in a minute, refuses the next, and starts afresh the next minute", async () => {
    const limit = rateLimiter(redis, 3);
    const key = `test-${Date.now()}-${Math.random()}`;
    const now = Date.UTC(2026, 10, 21, 10, 0, 5);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limit(key, now));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]?.resetSeconds).toBe(55);
    expect((await limit(key, now + 60_000)).allowed).toBe(true);
  });

  it("keeps each user's count apart", async () => {
    const limit = rateLimiter(redis, 1);
    const now = Date.now();
    const a = `a-${now}-${Math.random()}`;
    const b = `b-${now}-${Math.random()}`;
    expect((await limit(a, now)).allowed).toBe(true);
    expect((await limit(b, now)).allowed).toBe(true);
    expect((await limit(a, now)).allowed).toBe(false);
  });
});
