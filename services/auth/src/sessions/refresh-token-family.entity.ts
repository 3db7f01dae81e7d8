import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One login's chain of refresh tokens. Revoking the family (logout, reuse of a rotated token, account
 * deletion) ends every token of the chain at once.
 */
export const RefreshTokenFamily = defineEntity({
  name: 'RefreshTokenFamily',
  tableName: 'refresh_token_family',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index('refresh_token_family_user_idx'),
    createdAt: p.datetime(),
    /** Absolute lifetime: rotation never extends a login past this. */
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    revokedReason: p.string().length(40).nullable(),
  },
});

export type RefreshTokenFamily = InferEntity<typeof RefreshTokenFamily>;
