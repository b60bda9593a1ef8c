import { parseWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature.js';

// The reference vector published with the Standard Webhooks specification.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const BODY = '{"test": 2432232314}';

describe('webhook signatures', () => {
  const key = parseWebhookSecret(SECRET);

  it('signs as the Standard Webhooks reference does', () => {
    expect(signWebhook(key, ID, TIMESTAMP, BODY)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies a genuine message and refuses a tampered, replayed or unsigned one', () => {
    const headers = { 'webhook-id': ID, 'webhook-timestamp': String(TIMESTAMP), 'webhook-signature': signWebhook(key, ID, TIMESTAMP, BODY) };
    const at = TIMESTAMP * 1000;
    expect(verifyWebhook(key, headers, BODY, 300, at)).toBe(true);
    expect(verifyWebhook(key, headers, BODY.replace('2432', '9999'), 300, at)).toBe(false);
    expect(verifyWebhook(key, headers, BODY, 300, at + 3_600_000)).toBe(false);
    expect(verifyWebhook(key, { ...headers, 'webhook-signature': undefined }, BODY, 300, at)).toBe(false);
    expect(verifyWebhook(key, { ...headers, 'webhook-signature': `v1,bogus ${headers['webhook-signature']}` }, BODY, 300, at)).toBe(true);
  });

  it.each([['no prefix'], ['whsec_c2hvcnQ=']])('refuses the secret %s', (secret) => {
    expect(() => parseWebhookSecret(secret)).toThrow();
  });
});
