/** Polls until `check` returns a value (not undefined/false) or throws its last error at the deadline. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = new Error("condition not met");
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw lastError instanceof Error ? lastError : new Error(String(lastError));
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
