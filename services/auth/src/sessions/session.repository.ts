import type { EntityManager } from '@todo-bus/db';
import { RefreshTokenFamily } from './refresh-token-family.entity.ts';
import { RefreshToken } from './refresh-token.entity.ts';

/** Refresh-token families (one per login) and their tokens. */
export interface SessionRepository {
  insertFamily(family: RefreshTokenFamily): Promise<void>;
  findFamily(id: string): Promise<RefreshTokenFamily | null>;
  revokeFamily(id: string, reason: string, at: Date): Promise<void>;
  deleteAllOf(userId: string): Promise<void>;
  insertToken(token: RefreshToken): Promise<void>;
  findTokenByHash(tokenHash: string): Promise<RefreshToken | null>;
  markRotated(id: string, at: Date): Promise<void>;
}

export function sessionRepository(em: EntityManager): SessionRepository {
  return {
    async insertFamily(family) {
      em.create(RefreshTokenFamily, family);
      await em.flush();
    },
    findFamily: (id) => em.findOne(RefreshTokenFamily, { id }),
    async revokeFamily(id, reason, at) {
      await em.nativeUpdate(
        RefreshTokenFamily,
        { id, revokedAt: null },
        { revokedAt: at, revokedReason: reason },
      );
    },
    async deleteAllOf(userId) {
      const families = await em.find(RefreshTokenFamily, { userId }, { fields: ['id'] });
      await em.nativeDelete(RefreshToken, { familyId: { $in: families.map((family) => family.id) } });
      await em.nativeDelete(RefreshTokenFamily, { userId });
    },
    async insertToken(token) {
      em.create(RefreshToken, token);
      await em.flush();
    },
    findTokenByHash: (tokenHash) => em.findOne(RefreshToken, { tokenHash }),
    async markRotated(id, at) {
      // Only the live token rotates; a concurrent rotation of the same token conflicts (40001) and retries.
      await em.nativeUpdate(RefreshToken, { id, rotatedAt: null }, { rotatedAt: at });
    },
  };
}
