export const STEPS = ['extracting', 'analyzing', 'storing'] as const;
export type StepName = (typeof STEPS)[number];

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  backoffFactor: number;
  maxDelayMs: number;
  /** Fraction of the delay drawn at random and taken off it (0 = none, 1 = full jitter). */
  jitter: number;
  /** A step running longer than this is abandoned and counted as a transient failure. */
  timeoutMs: number;
}

export type RetryPolicies = Record<StepName, RetryPolicy>;
export type RetryPolicyOverrides = Partial<RetryPolicy> & Partial<Record<StepName, Partial<RetryPolicy>>>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 1_000,
  backoffFactor: 2,
  maxDelayMs: 60_000,
  jitter: 0.2,
  timeoutMs: 30_000,
};

/** Overrides apply to every step, then per-step overrides on top. */
export function resolveRetryPolicies(overrides: RetryPolicyOverrides = {}, base: RetryPolicy = DEFAULT_RETRY_POLICY): RetryPolicies {
  const { extracting, analyzing, storing, ...common } = overrides;
  const shared = { ...base, ...definedOnly(common) };
  const perStep = { extracting, analyzing, storing };
  const policies = Object.fromEntries(
    STEPS.map((step) => [step, { ...shared, ...definedOnly(perStep[step] ?? {}) }]),
  ) as RetryPolicies;
  for (const step of STEPS) assertValidPolicy(policies[step], step);
  return policies;
}

export function assertValidPolicy(policy: RetryPolicy, label: string): void {
  const problems: string[] = [];
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) problems.push('maxAttempts must be an integer >= 1');
  if (!(policy.initialDelayMs >= 0)) problems.push('initialDelayMs must be >= 0');
  if (!(policy.backoffFactor >= 1)) problems.push('backoffFactor must be >= 1');
  if (!(policy.maxDelayMs >= policy.initialDelayMs)) problems.push('maxDelayMs must be >= initialDelayMs');
  if (!(policy.jitter >= 0 && policy.jitter <= 1)) problems.push('jitter must be between 0 and 1');
  if (!(policy.timeoutMs > 0)) problems.push('timeoutMs must be > 0');
  if (problems.length) throw new RangeError(`invalid retry policy for ${label}: ${problems.join('; ')}`);
}

/**
 * Delay before attempt `failedAttempt + 1`: exponential backoff capped at maxDelayMs, less jitter,
 * and never shorter than what the server asked for with Retry-After. The machine passes `jitterFraction` so the
 * draw is deterministic (a replay of the same transition gives the same delay).
 */
export function computeRetryDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = policy.initialDelayMs * policy.backoffFactor ** (failedAttempt - 1);
  const capped = Math.min(exponential, policy.maxDelayMs);
  const jittered = Math.round(capped * (1 - policy.jitter * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** A fraction in [0, 1) from a string (FNV-1a, 32 bits): the same workflow, step and attempt always draw the same jitter. */
export function jitterFraction(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
