import { Webhook } from 'standardwebhooks';
import { checkWebhookUrl, ipLiteral, isPublicAddress } from '../../src/common/net/network-policy';
import { decide, retryDelayMs } from '../../src/webhooks/retry-policy';
import { newWebhookSecret, signedHeaders, Signer } from '../../src/webhooks/signing';

describe('webhook retry policy', () => {
  const settings = { baseMs: 30_000, maxAttempts: 4 };

  it('waits the base delay first, then about twice as long each time, with up to 25% jitter', () => {
    expect(retryDelayMs(1, 30_000, () => 0)).toBe(30_000);
    expect(retryDelayMs(2, 30_000, () => 0)).toBe(60_000);
    expect(retryDelayMs(3, 30_000, () => 0)).toBe(120_000);
    expect(retryDelayMs(3, 30_000, () => 0.999)).toBeLessThan(150_000);
    expect(retryDelayMs(3, 30_000, () => 0.5)).toBeGreaterThan(120_000);
  });

  it('counts any 2xx as delivered and a 410 as gone', () => {
    expect(decide({ statusCode: 204 }, 1, settings)).toEqual({ kind: 'delivered' });
    expect(decide({ statusCode: 410 }, 1, settings)).toEqual({ kind: 'gone' });
  });

  it('retries non-2xx answers, redirects and timeouts until the attempts run out', () => {
    for (const outcome of [
      { statusCode: 500 },
      { statusCode: 302 },
      { statusCode: 429 },
      { error: 'timed out after 10000 ms' },
    ]) {
      expect(decide(outcome, 1, settings, () => 0)).toEqual({ kind: 'retry', delayMs: 30_000 });
    }
    expect(decide({ statusCode: 500 }, 4, settings)).toEqual({
      kind: 'failed',
      reason: 'gave up after 4 attempts (last: HTTP 500)',
    });
  });
});

describe('webhook network policy', () => {
  it('lets public unicast addresses through', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2606:2800:220:1:248:1893:25c8:1946')).toBe(true);
  });

  it('refuses private, loopback, link-local and other non-public addresses, also IPv4-mapped', () => {
    for (const address of [
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '127.0.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::127.0.0.1',
      '::7f00:1',
      '::169.254.169.254',
      '::1.2.3.4',
      'fec0::1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::1',
      '2001::1',
      '224.0.0.1',
      'not-an-ip',
    ]) {
      expect([address, isPublicAddress(address)]).toEqual([address, false]);
    }
  });

  it('accepts only absolute http(s) URLs without credentials', () => {
    expect(checkWebhookUrl('https://hooks.example.org/x').ok).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'ftp://example.org/',
      'javascript:alert(1)',
      'example.org/hook',
      'https://user:pw@example.org/',
    ]) {
      expect([bad, checkWebhookUrl(bad).ok]).toEqual([bad, false]);
    }
  });

  it('tells IP literals from host names', () => {
    expect(ipLiteral(new URL('http://[::1]:8080/'))).toBe('::1');
    expect(ipLiteral(new URL('http://10.0.0.1/'))).toBe('10.0.0.1');
    expect(ipLiteral(new URL('http://hooks.example.org/'))).toBeNull();
  });
});

describe('webhook signing', () => {
  it('produces Standard Webhooks headers that the reference library verifies', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ id: 'e1', type: 'follow_up.due', data: { note: 'check' } });
    const headers = signedHeaders(secret, 'e1', body);
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ id: 'e1' });
    expect(() => new Webhook(secret).verify(body.replace('check', 'chek'), headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('signs a batch for several subscriptions, non-ASCII bodies included, as the reference library does', () => {
    const signer = new Signer();
    const at = new Date('2024-06-13T09:00:00Z');
    for (const secret of [newWebhookSecret(), newWebhookSecret()]) {
      const body = JSON.stringify({ id: 'e2', data: { note: 'au moins 40 milliards d’euros — €40bn' } });
      const headers = signer.headers(secret, 'e2', body, at);
      expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('e2', at, body));
      expect(headers['webhook-timestamp']).toBe('1718269200');
    }
  });
});
