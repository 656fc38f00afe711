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
