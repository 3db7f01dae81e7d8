import { describe, expect, it } from 'vitest';
import { createKeyEncryption } from './key-encryption.ts';
import { KeyRing } from './key-ring.ts';
import { createFakeSigningKeyRepository } from './signing-key.repository.fake.ts';

const hour = 3_600_000;
const day = 24 * hour;

function ring(clock: () => Date) {
  const fake = createFakeSigningKeyRepository();
  const encryption = createKeyEncryption('a-secret-that-is-long-enough-to-be-one');
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
});
