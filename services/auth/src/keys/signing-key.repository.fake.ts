import type { UnitOfWork } from '@todo-bus/events';
import type { SigningKeyRepository, SigningKeyWork } from './key-ring.ts';
import type { SigningKey } from './signing-key.entity.ts';

/** Signing keys in a Map for unit tests; the unit of work runs the work once, against the Map. */
export function createFakeSigningKeyRepository() {
  const keys = new Map<string, SigningKey>();
  const repository: SigningKeyRepository = {
    listUnexpired: async (now) =>
      [...keys.values()].filter((key) => key.expiresAt > now).map((key) => ({ ...key })),
    async insert(key) {
      keys.set(key.id, { ...key });
    },
    async deleteExpired(now) {
      for (const key of keys.values()) if (key.expiresAt <= now) keys.delete(key.id);
    },
    async retire(id, at) {
      const key = keys.get(id);
      if (key) key.retiresAt = at;
    },
    async markCompromised(id, at) {
      const key = keys.get(id);
      if (key) Object.assign(key, { retiresAt: at, compromisedAt: at });
    },
  };
  const transaction: UnitOfWork<SigningKeyWork> = (work) => work({ keys: repository });
  return { keys, transaction };
}
