import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A refresh token, stored only as the SHA-256 of its value: a database leak yields nothing usable. */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_token',
  properties: {
    id: p.uuid().primary(),
    familyId: p.uuid().index('refresh_token_family_idx'),
    tokenHash: p.string().length(64).unique('refresh_token_hash_unique'),
    createdAt: p.datetime(),
    /** When it was exchanged for its successor; presenting it again after the grace window is reuse. */
    rotatedAt: p.datetime().nullable(),
  },
});

export type RefreshToken = InferEntity<typeof RefreshToken>;
