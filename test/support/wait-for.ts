/** Polls until `check` returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeout = 30_000, everyMs = 100): Promise<T> {
  // Mutation runs cap every wait (stryker.config.mjs): a stalled mutant fails fast instead of holding its runner.
  const timeoutMs = Math.min(timeout, Number(process.env.WAIT_FOR_MAX_MS) || Infinity);
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
