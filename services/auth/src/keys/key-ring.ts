import type { UnitOfWork } from '@todo-bus/events';
import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { SigningKeysUnreadableError, type KeyEncryption } from './key-encryption.ts';
import type { SigningKey } from './signing-key.entity.ts';

export interface SigningKeyRepository {
  listUnexpired(now: Date): Promise<SigningKey[]>;
  insert(key: SigningKey): Promise<void>;
  deleteExpired(now: Date): Promise<void>;
  retire(id: string, at: Date): Promise<void>;
  /** Stops it signing and withdraws it from the JWKS, both from `at`. */
  markCompromised(id: string, at: Date): Promise<void>;
}

/** What one unit of work of the key ring touches. SERIALIZABLE: replicas racing to rotate agree on one key. */
export interface SigningKeyWork {
  keys: SigningKeyRepository;
}

export interface KeyRingSettings {
  /** How long a key signs before its successor takes over. */
  rotationIntervalMs: number;
  /** How long before it signs a new key is published, so every verifier's cached JWKS has it in time. */
  prepublishMs: number;
  /** Access token lifetime: a retired key stays published this long (plus skew) after it stops signing. */
  accessTokenTtlMs: number;
}

export interface ActiveKey {
  kid: string;
  privateKey: KeyObject;
}

const clockSkewMs = 60_000;

/** The signing keys as this process knows them: refreshed from the database, rotated when due. */
export class KeyRing {
  readonly #transaction: UnitOfWork<SigningKeyWork>;
  readonly #encryption: KeyEncryption;
  readonly #settings: KeyRingSettings;
  readonly #clock: () => Date;
  #keys: SigningKey[] = [];
  readonly #privateKeys = new Map<string, KeyObject>();

  constructor(
    transaction: UnitOfWork<SigningKeyWork>,
    encryption: KeyEncryption,
    settings: KeyRingSettings,
    clock: () => Date = () => new Date(),
  ) {
    this.#transaction = transaction;
    this.#encryption = encryption;
    this.#settings = settings;
    this.#clock = clock;
  }

  /**
   * Makes sure a key signs now and its successor is published in time, then reloads. Throws
   * SigningKeysUnreadableError when a key that signs now or later cannot be decrypted with this secret.
   */
  async refresh(): Promise<void> {
    const keys = await this.#transaction(async (tx) => {
      const now = this.#clock();
      await tx.keys.deleteExpired(now);
      const keys = await tx.keys.listUnexpired(now);
      if (!keys.some((key) => isSigning(key, now))) keys.push(await this.#create(tx, now));
      const lastRetirement = Math.max(...keys.map((key) => key.retiresAt.getTime()));
      if (lastRetirement - now.getTime() <= this.#settings.prepublishMs) {
        keys.push(await this.#create(tx, new Date(lastRetirement)));
      }
      return keys;
    });
    this.#unseal(keys, this.#clock());
    this.#keys = keys;
  }

  /**
   * Rotation now: the current key (and any published successor) stops signing. Planned, tokens it signed stay
   * valid until they expire. `compromised` (it leaked): it leaves the JWKS too, so verifiers refuse its tokens
   * at their next key-set refresh, and their owners sign in again through a refresh.
   */
  async rotateNow({ compromised = false }: { compromised?: boolean } = {}): Promise<void> {
    const now = this.#clock();
    await this.#transaction(async (tx) => {
      for (const key of await tx.keys.listUnexpired(now)) {
        if (key.retiresAt <= now) continue;
        await (compromised ? tx.keys.markCompromised(key.id, now) : tx.keys.retire(key.id, now));
      }
      await this.#create(tx, now);
    });
    await this.refresh();
  }

  /** Every key a valid token may name: the signing one, its published successor, retired ones not yet expired. */
  jwks(): { keys: JWK[] } {
    const now = this.#clock();
    return { keys: this.#keys.filter((key) => isPublished(key, now)).map((key) => key.publicJwk) };
  }

  signingKey(): ActiveKey {
    const now = this.#clock();
    const key = this.#keys
      .filter((candidate) => isSigning(candidate, now))
      .sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime())[0];
    if (!key) throw new Error('no signing key is active: refresh() has not run');
    const privateKey = this.#privateKeys.get(key.id) ?? this.#decrypt(key);
    this.#privateKeys.set(key.id, privateKey);
    return { kid: key.id, privateKey };
  }

  /**
   * Decrypts, at load time, every key that signs now or will: a secret that does not match the database
   * then fails the refresh (and the service's readiness) instead of every later login.
   */
  #unseal(keys: SigningKey[], now: Date): void {
    const unreadable = keys.filter((key) => {
      if (key.retiresAt <= now || this.#privateKeys.has(key.id)) return false;
      try {
        this.#privateKeys.set(key.id, this.#decrypt(key));
        return false;
      } catch {
        return true;
      }
    });
    if (unreadable.length > 0) throw new SigningKeysUnreadableError(unreadable.length);
  }

  #decrypt(key: SigningKey): KeyObject {
    return createPrivateKey({
      key: this.#encryption.decrypt(key.encryptedPrivateKey),
      format: 'der',
      type: 'pkcs8',
    });
  }

  async #create(tx: SigningKeyWork, activatesAt: Date): Promise<SigningKey> {
    const { rotationIntervalMs, accessTokenTtlMs } = this.#settings;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const id = randomUUID();
    const retiresAt = new Date(activatesAt.getTime() + rotationIntervalMs);
    const key: SigningKey = {
      id,
      publicJwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: id, alg: 'EdDSA', use: 'sig' },
      encryptedPrivateKey: this.#encryption.encrypt(privateKey.export({ format: 'der', type: 'pkcs8' })),
      createdAt: this.#clock(),
      activatesAt,
      retiresAt,
      expiresAt: new Date(retiresAt.getTime() + accessTokenTtlMs + clockSkewMs),
      compromisedAt: null,
    };
    await tx.keys.insert(key);
    return key;
  }
}

function isSigning(key: SigningKey, now: Date): boolean {
  return key.activatesAt <= now && now < key.retiresAt && !key.compromisedAt;
}

function isPublished(key: SigningKey, now: Date): boolean {
  return key.expiresAt > now && !key.compromisedAt;
}
