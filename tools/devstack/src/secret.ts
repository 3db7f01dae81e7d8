import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a local run keeps the KEY_ENCRYPTION_SECRET it generated. */
export const secretFile = (dataDir: string) => join(dataDir, 'key-encryption-secret');

/**
 * The databases of `npm start`, named after the key encryption secret: auth's signing keys are encrypted
 * with it, so the data and the secret go together. A second checkout on the machine's shared PostgreSQL, or
 * this one after `.data` was wiped, has another secret and so databases of its own, never keys it cannot
 * decrypt. The name holds 32 bits of a hash of the secret, which tells nothing about the secret.
 */
export function databasesOf(secret: string): { auth: string; todos: string } {
  const id = createHash('sha256').update(`todo-bus/devstack/databases\0${secret}`).digest('hex').slice(0, 8);
  return { auth: `auth_dev_${id}`, todos: `todos_dev_${id}` };
}

/**
 * KEY_ENCRYPTION_SECRET for local runs: the environment's, else one generated once and kept under the data
 * folder, so that signing keys auth encrypted in an earlier run stay readable after a restart.
 */
export function keyEncryptionSecret(env: Record<string, string | undefined>, dataDir: string): string {
  const fromEnv = env.KEY_ENCRYPTION_SECRET;
  if (fromEnv) return fromEnv;
  const file = secretFile(dataDir);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
