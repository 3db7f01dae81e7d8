import { ConfigError, loadConfig } from '@todo-bus/config';
import { describe, expect, it } from 'vitest';
import { configSchema } from './config.ts';

const published = 'dev-only-insecure-key-encryption-secret-do-not-deploy';
const env = (extra: Record<string, string>) => ({
  DATABASE_URL: 'postgresql://root@127.0.0.1:5432/auth',
  ...extra,
});

describe('KEY_ENCRYPTION_SECRET', () => {
  it('refuses the published development secret, in one line naming the variable', () => {
    try {
      loadConfig(configSchema, env({ KEY_ENCRYPTION_SECRET: published }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(
        /^Invalid configuration: KEY_ENCRYPTION_SECRET: is a published development secret/,
      );
      expect(message).toContain('ALLOW_DEV_SECRET=true');
      expect(message).not.toContain(published);
      expect(message).not.toContain('\n');
    }
  });

  it('refuses it also when the switch says anything but true', () => {
    for (const ALLOW_DEV_SECRET of ['false', 'yes', '1']) {
      expect(
        () => loadConfig(configSchema, env({ KEY_ENCRYPTION_SECRET: published, ALLOW_DEV_SECRET })),
        ALLOW_DEV_SECRET,
      ).toThrow(ConfigError);
    }
  });

  it('accepts it where development says so with ALLOW_DEV_SECRET=true', () => {
    const config = loadConfig(
      configSchema,
      env({ KEY_ENCRYPTION_SECRET: published, ALLOW_DEV_SECRET: 'true' }),
    );
    expect(config.KEY_ENCRYPTION_SECRET).toBe(published);
  });

  it('accepts a secret of its own without the switch', () => {
    const config = loadConfig(configSchema, env({ KEY_ENCRYPTION_SECRET: 'k'.repeat(40) }));
    expect(config.ALLOW_DEV_SECRET).toBe(false);
  });
});
