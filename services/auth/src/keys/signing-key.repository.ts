import { inTransaction, type EntityManager } from '@todo-bus/db';
import type { SigningKeyRepository, SigningKeyStore } from './key-ring.ts';
import { SigningKey } from './signing-key.entity.ts';

function repository(em: EntityManager): SigningKeyRepository {
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
  };
}

export function signingKeyStore(em: EntityManager): SigningKeyStore {
  return { transaction: (work) => inTransaction(em, (tx) => work(repository(tx))) };
}
