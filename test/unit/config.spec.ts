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
