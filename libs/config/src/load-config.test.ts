import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commaList, ConfigError, loadConfig, port, secret, urlString } from './index.ts';

const schema = z.object({
  PORT: port(8080),
  DATABASE_URL: urlString(),
  CORS_ORIGINS: commaList(),
  KEY_ENCRYPTION_SECRET: secret(32),
});

const valid = { DATABASE_URL: 'postgres://root@127.0.0.1/auth', KEY_ENCRYPTION_SECRET: 'x'.repeat(32) };

describe('loadConfig', () => {
  it('applies defaults and coerces strings', () => {
    const config = loadConfig(schema, { ...valid, PORT: '9000', CORS_ORIGINS: 'http://a, http://b,' });
    expect(config.PORT).toBe(9000);
    expect(config.CORS_ORIGINS).toEqual(['http://a', 'http://b']);
    expect(loadConfig(schema, valid).PORT).toBe(8080);
  });

  it('names a missing variable in one line', () => {
    expect(() => loadConfig(schema, { KEY_ENCRYPTION_SECRET: 'x'.repeat(32) })).toThrow(
      new ConfigError('Invalid configuration: DATABASE_URL is required'),
    );
  });

  it('names every bad variable and why', () => {
    try {
      loadConfig(schema, { ...valid, PORT: 'eighty', KEY_ENCRYPTION_SECRET: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/^Invalid configuration: /);
      expect(message).toContain('PORT:');
      expect(message).toContain('KEY_ENCRYPTION_SECRET: must be at least 32 characters');
      expect(message).not.toContain('\n');
    }
  });
});
