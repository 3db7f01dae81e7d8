import type { EntityManager } from '@todo-bus/db';
import type { AuthConfig } from '../config.ts';
import { createKeyEncryption } from './key-encryption.ts';
import { KeyRing } from './key-ring.ts';
import { signingKeyStore } from './signing-key.repository.ts';

const minute = 60_000;
const day = 24 * 60 * minute;

type KeyRingConfig = Pick<
  AuthConfig,
  'KEY_ENCRYPTION_SECRET' | 'KEY_ROTATION_DAYS' | 'KEY_PREPUBLISH_MINUTES' | 'ACCESS_TOKEN_TTL_SECONDS'
>;

/** The service's key ring, from its settings: used by the app and by the emergency rotation command. */
export function createKeyRing(em: EntityManager, config: KeyRingConfig, now?: () => Date): KeyRing {
  return new KeyRing(
    signingKeyStore(em),
    createKeyEncryption(config.KEY_ENCRYPTION_SECRET),
    {
      rotationIntervalMs: config.KEY_ROTATION_DAYS * day,
      prepublishMs: config.KEY_PREPUBLISH_MINUTES * minute,
      accessTokenTtlMs: config.ACCESS_TOKEN_TTL_SECONDS * 1000,
    },
    now,
  );
}
