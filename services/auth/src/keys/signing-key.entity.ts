import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { JWK } from 'jose';

/**
 * An Ed25519 signing key. Its life: published (in the JWKS) from creation, signs from `activatesAt`
 * until `retiresAt`, and stays published until `expiresAt`, when no token it signed can still be valid.
 * A compromised key (`rotate-keys --compromised`) is unpublished at once: every token it signed is refused.
 */
export const SigningKey = defineEntity({
  name: 'SigningKey',
  tableName: 'signing_key',
  properties: {
    id: p.uuid().primary(),
    publicJwk: p.json<JWK>(),
    /** The PKCS#8 private key, encrypted with KEY_ENCRYPTION_SECRET (AES-256-GCM). */
    encryptedPrivateKey: p.text(),
    createdAt: p.datetime(),
    activatesAt: p.datetime(),
    retiresAt: p.datetime(),
    expiresAt: p.datetime(),
    compromisedAt: p.datetime().nullable(),
  },
});

export type SigningKey = InferEntity<typeof SigningKey>;
