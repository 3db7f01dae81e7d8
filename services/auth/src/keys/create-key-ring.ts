import type { UnitOfWork } from '@todo-bus/events';
import type { AuthConfig } from '../config.ts';
import { createKeyEncryption } from './key-encryption.ts';
import { KeyRing, type SigningKeyWork } from './key-ring.ts';

const minute = 60_000;
const day = 24 * 60 * minute;

type KeyRingConfig = Pick<
  AuthConfig,
  'KEY_ENCRYPTION_SECRET' | 'KEY_ROTATION_DAYS' | 'KEY_PREPUBLISH_MINUTES' | 'ACCESS_TOKEN_TTL_SECONDS'
>;

/** The service's key ring, from its settings: used by the app and by the emergency rotation command. */
export function createKeyRing(
  transaction: UnitOfWork<SigningKeyWork>,
  config: KeyRingConfig,
  clock?: () => Date,
): KeyRing {
  return new KeyRing(
    transaction,
    createKeyEncryption(config.KEY_ENCRYPTION_SECRET),
    {
      rotationIntervalMs: config.KEY_ROTATION_DAYS * day,
      prepublishMs: config.KEY_PREPUBLISH_MINUTES * minute,
      accessTokenTtlMs: config.ACCESS_TOKEN_TTL_SECONDS * 1000,
    },
    clock,
  );
}
