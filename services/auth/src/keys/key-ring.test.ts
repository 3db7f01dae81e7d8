import { describe, expect, it } from 'vitest';
import { createKeyEncryption, SigningKeysUnreadableError } from './key-encryption.ts';
import { KeyRing } from './key-ring.ts';
import { createFakeSigningKeyRepository } from './signing-key.repository.fake.ts';

const hour = 3_600_000;
const day = 24 * hour;

const secret = 'a-secret-that-is-long-enough-to-be-one';

function ring(clock: () => Date, fake = createFakeSigningKeyRepository(), keySecret = secret) {
  const encryption = createKeyEncryption(keySecret);
  const keyRing = new KeyRing(
    fake.transaction,
    encryption,
    { rotationIntervalMs: 7 * day, prepublishMs: hour, accessTokenTtlMs: 15 * 60_000 },
    clock,
  );
  return { keyRing, ...fake };
}

const kids = (keyRing: KeyRing) => keyRing.jwks().keys.map((key) => key.kid);

describe('KeyRing', () => {
  it('creates a signing key on first refresh and keeps its private half encrypted', async () => {
    const clock = new Date('2026-01-01T00:00:00Z');
    const { keyRing, keys } = ring(() => clock);
    await keyRing.refresh();
    const { kid, privateKey } = keyRing.signingKey();
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    expect(kids(keyRing)).toEqual([kid]);
    const stored = keys.get(kid);
    expect(stored?.encryptedPrivateKey).toMatch(/^v1\./);
    expect(JSON.stringify(stored?.publicJwk)).not.toContain('"d"');
  });

  it('publishes the successor before it signs, then retires the old key and unpublishes it after its tokens expire', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const { keyRing } = ring(() => clock);
    await keyRing.refresh();
    const first = keyRing.signingKey().kid;

    clock = new Date(clock.getTime() + 7 * day - 30 * 60_000);
    await keyRing.refresh();
    expect(keyRing.signingKey().kid).toBe(first);
    const [, second] = kids(keyRing);
    expect(second).toBeDefined();

    clock = new Date(clock.getTime() + 31 * 60_000);
    await keyRing.refresh();
    expect(keyRing.signingKey().kid).toBe(second);
    expect(kids(keyRing)).toContain(first);

    clock = new Date(clock.getTime() + 20 * 60_000);
    await keyRing.refresh();
    expect(kids(keyRing)).not.toContain(first);
    expect(keyRing.signingKey().kid).toBe(second);
  });

  it('rotates at once on demand, keeping the old key published', async () => {
    const clock = new Date('2026-01-01T00:00:00Z');
    const { keyRing } = ring(() => clock);
    await keyRing.refresh();
    const first = keyRing.signingKey().kid;
    await keyRing.rotateNow();
    expect(keyRing.signingKey().kid).not.toBe(first);
    expect(kids(keyRing)).toContain(first);
  });

  it('withdraws a compromised key from the JWKS at once, with its published successor, and never signs with them', async () => {
    const clock = new Date('2026-01-01T00:00:00Z');
    const { keyRing, keys } = ring(() => clock);
    await keyRing.refresh();
    const leaked = keyRing.signingKey().kid;
    await keyRing.rotateNow({ compromised: true });
    const successor = keyRing.signingKey().kid;
    expect(successor).not.toBe(leaked);
    expect(kids(keyRing)).toEqual([successor]);
    expect(keys.get(leaked)?.compromisedAt).toEqual(clock);
    // Another replica loading the keys afresh agrees.
    await keyRing.refresh();
    expect(kids(keyRing)).toEqual([successor]);
  });

  it('cannot read keys sealed with another secret', async () => {
    const sealed = createKeyEncryption('a-secret-that-is-long-enough-to-be-one').encrypt(
      Buffer.from('private'),
    );
    expect(() => createKeyEncryption('another-secret-that-is-long-enough!!').decrypt(sealed)).toThrow();
  });

  it('refuses to load keys sealed with another secret, naming KEY_ENCRYPTION_SECRET and the way out', async () => {
    const clock = new Date('2026-01-01T00:00:00Z');
    const { keyRing, ...database } = ring(() => clock);
    await keyRing.refresh();
    const other = ring(() => clock, database, 'another-secret-that-is-long-enough!!').keyRing;
    const refused = other.refresh();
    await expect(refused).rejects.toBeInstanceOf(SigningKeysUnreadableError);
    await expect(refused).rejects.toThrow(
      /^KEY_ENCRYPTION_SECRET does not match the signing keys in the database .*npm run rotate-keys/,
    );
  });

  it('signs again with a new secret once the keys were rotated with it (the lost-secret remedy)', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const { keyRing, ...database } = ring(() => clock);
    await keyRing.refresh();
    const oldKid = keyRing.signingKey().kid;
    const replaced = ring(() => clock, database, 'another-secret-that-is-long-enough!!').keyRing;
    await replaced.rotateNow();
    clock = new Date(clock.getTime() + 1);
    await replaced.refresh();
    expect(replaced.signingKey().kid).not.toBe(oldKid);
    // The old key stays published, so tokens it signed still verify until they expire.
    expect(kids(replaced)).toContain(oldKid);
  });
});
