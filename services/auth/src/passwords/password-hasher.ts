import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verify, for logins with an unknown email (no user enumeration by timing). */
  verifyAgainstDummy(password: string): Promise<void>;
}

/** argon2id, OWASP's minimum: 19 MiB, 2 passes, 1 lane. (`Algorithm.Argon2id` is a const enum: 2.) */
const argon2id = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function createPasswordHasher(options: Partial<typeof argon2id> = {}): Promise<PasswordHasher> {
  const settings = { ...argon2id, ...options };
  const dummyHash = await hash(randomBytes(24).toString('base64url'), settings);
  return {
    hash: (password) => hash(password, settings),
    verify: (passwordHash, password) => verify(passwordHash, password),
    async verifyAgainstDummy(password) {
      await verify(dummyHash, password);
    },
  };
}
