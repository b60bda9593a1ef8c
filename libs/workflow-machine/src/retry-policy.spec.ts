import { computeRetryDelayMs, DEFAULT_RETRY_POLICY, resolveRetryPolicies, type RetryPolicy } from './retry-policy.js';

const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 1000, backoffFactor: 2, maxDelayMs: 5000, jitter: 0 };

describe(computeRetryDelayMs.name, () => {
  it('grows exponentially from the initial delay', () => {
    expect([1, 2, 3].map((attempt) => computeRetryDelayMs(policy, attempt, undefined))).toEqual([1000, 2000, 4000]);
  });

  it('never exceeds the maximum delay', () => {
    expect(computeRetryDelayMs(policy, 10, undefined)).toBe(5000);
  });

  it('takes at most the jitter fraction off the delay', () => {
    const jittered = { ...policy, jitter: 0.5 };
    expect(computeRetryDelayMs(jittered, 1, undefined, () => 0)).toBe(1000);
    expect(computeRetryDelayMs(jittered, 1, undefined, () => 0.999999)).toBe(500);
  });

  it('waits at least as long as Retry-After asks, even past the maximum', () => {
    expect(computeRetryDelayMs(policy, 1, 3000)).toBe(3000);
    expect(computeRetryDelayMs(policy, 1, 120_000)).toBe(120_000);
    expect(computeRetryDelayMs(policy, 3, 10)).toBe(4000);
  });
});

describe(resolveRetryPolicies.name, () => {
  it('applies common overrides to every step, then per-step ones', () => {
    const policies = resolveRetryPolicies({ maxAttempts: 3, storing: { maxAttempts: 7, timeoutMs: 500 } });
    expect(policies.extracting.maxAttempts).toBe(3);
    expect(policies.analyzing.maxAttempts).toBe(3);
    expect(policies.storing).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 7, timeoutMs: 500 });
  });

  it('ignores undefined overrides instead of erasing defaults', () => {
    expect(resolveRetryPolicies({ maxAttempts: undefined }).extracting.maxAttempts).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it.each([
    [{ maxAttempts: 0 }, 'maxAttempts'],
    [{ backoffFactor: 0.5 }, 'backoffFactor'],
    [{ jitter: 2 }, 'jitter'],
    [{ initialDelayMs: 10, maxDelayMs: 5 }, 'maxDelayMs'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
  ])('refuses %j naming %s', (overrides, field) => {
    expect(() => resolveRetryPolicies(overrides)).toThrow(new RegExp(field));
  });
});
