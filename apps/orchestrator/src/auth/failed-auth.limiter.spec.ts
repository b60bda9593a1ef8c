import { FailedAuthLimiter } from './failed-auth.limiter.js';

describe(FailedAuthLimiter.name, () => {
  it('blocks an address that reached the limit until its minute is over, and no other address', () => {
    let now = 1_000_000;
    const limiter = new FailedAuthLimiter(3, () => now);
    for (let i = 0; i < 2; i++) limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(60);
    expect(limiter.retryAfterSeconds('10.0.0.2')).toBe(0);
    now += 59_500;
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(1);
    now += 500;
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('counts nothing when the limit is 0', () => {
    const limiter = new FailedAuthLimiter(0);
    for (let i = 0; i < 100; i++) limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
  });
});
