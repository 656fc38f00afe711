import { loadConfig } from '../../src/config';

describe('configuration from the environment', () => {
  it('should apply the defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      SCHEDULER_ENABLED: true,
      REMINDER_POLL_MS: 5000,
    });
  });

  it('should parse numbers and booleans', () => {
    expect(loadConfig({ PORT: '8080', SCHEDULER_ENABLED: 'false' })).toMatchObject({
      PORT: 8080,
      SCHEDULER_ENABLED: false,
    });
  });

  it('should name every bad variable', () => {
    expect(() => loadConfig({ PORT: 'x', ADMIN_API_KEY: 'short', LOG_LEVEL: 'loud' })).toThrow(
      /PORT="x"[\s\S]*ADMIN_API_KEY[\s\S]*LOG_LEVEL/,
    );
  });
});

describe('mail and link settings', () => {
  it('should take an smtp(s) URL, a sender and a public base URL', () => {
    expect(
      loadConfig({
        SMTP_URL: 'smtp://mailpit:1025',
        MAIL_FROM: 'Desk <desk@example.org>',
        PUBLIC_BASE_URL: 'https://pledgewatch.example.org',
      }),
    ).toMatchObject({
      SMTP_URL: 'smtp://mailpit:1025',
      MAIL_FROM: 'Desk <desk@example.org>',
      PUBLIC_BASE_URL: 'https://pledgewatch.example.org',
    });
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
  });

  it('should refuse an SMTP_URL that is not smtp(s) and a base URL without a scheme', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'pledgewatch.example.org' })).toThrow(/PUBLIC_BASE_URL/);
  });
});

describe('configuration errors', () => {
  function message(env: Record<string, string>): string {
    try {
      loadConfig(env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('loadConfig accepted a bad configuration');
  }

  it('should never print a secret it refuses', () => {
    const text = message({
      ADMIN_API_KEY: 'short-secret',
      SMTP_URL: 'ftp://mailer:smtp-pass@mail.example.org',
      DATABASE_URL: 'postgres://app:db-pass@db:5432/pw',
      PORT: 'x',
    });
    expect(text).toMatch(/ADMIN_API_KEY=\(hidden, 12 characters\)/);
    expect(text).toContain('SMTP_URL="ftp://mailer:***@mail.example.org');
    expect(text).not.toMatch(/short-secret|smtp-pass|db-pass/);
  });

  it('should hide a secret that is not even a URL', () => {
    const text = message({ SMTP_URL: 'smtp-pass', ADMIN_API_KEY: 'pw:short' });
    expect(text).not.toMatch(/smtp-pass|pw:short/);
  });
});

describe('settings for more than one machine', () => {
  it('should read the trusted proxies as a list and refuse what is not an address or CIDR', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 172.30.0.0/16,::1' }).TRUST_PROXY).toEqual([
      '10.0.0.1',
      '172.30.0.0/16',
      '::1',
    ]);
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toEqual([]);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1,proxy.local' })).toThrow(/TRUST_PROXY/);
  });

  it('should take an empty REDIS_URL or DATABASE_DIRECT_URL as unset (docker-compose passes ${VAR:-})', () => {
    const config = loadConfig({ REDIS_URL: '', DATABASE_DIRECT_URL: '' });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DATABASE_DIRECT_URL).toBeUndefined();
    expect(() => loadConfig({ REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL/);
  });
});
