const WINDOW_MS = 60_000;
const SWEEP_ABOVE = 10_000;

/**
 * Failed authentications per client address in fixed one-minute windows. Once an address reaches the limit, its
 * requests are refused before any credential is checked until the window ends, so keys and tokens cannot be
 * guessed at full speed (a correct guess would not even be evaluated). In memory: counted per replica.
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the address may try again, or 0 when it may now. */
  retryAfterSeconds(address: string): number {
    if (this.limit === 0) return 0;
    const window = this.windows.get(address);
    if (!window || window.endsAt <= this.now() || window.failures < this.limit) return 0;
    return Math.max(1, Math.ceil((window.endsAt - this.now()) / 1000));
  }

  recordFailure(address: string): void {
    if (this.limit === 0) return;
    const now = this.now();
    if (this.windows.size > SWEEP_ABOVE) {
      for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    }
    const window = this.windows.get(address);
    if (!window || window.endsAt <= now) this.windows.set(address, { failures: 1, endsAt: now + WINDOW_MS });
    else window.failures++;
  }
}
