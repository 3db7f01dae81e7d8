import type { EntityManager } from '@todo-bus/db';
import type { SigningKeyRepository } from './key-ring.ts';
import { SigningKey } from './signing-key.entity.ts';

export function signingKeyRepository(em: EntityManager): SigningKeyRepository {
  return {
    listUnexpired: (now) =>
      em.find(SigningKey, { expiresAt: { $gt: now } }, { orderBy: { activatesAt: 'asc' } }),
    async insert(key) {
      em.create(SigningKey, key);
      await em.flush();
    },
    async deleteExpired(now) {
      await em.nativeDelete(SigningKey, { expiresAt: { $lte: now } });
    },
    async retire(id, at) {
      await em.nativeUpdate(SigningKey, { id }, { retiresAt: at });
    },
    async markCompromised(id, at) {
      await em.nativeUpdate(SigningKey, { id }, { retiresAt: at, compromisedAt: at });
    },
  };
}
