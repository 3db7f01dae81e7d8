import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'key-encryption-secret';

/**
 * KEY_ENCRYPTION_SECRET for local runs: the environment's, else one generated once and kept under the data
 * folder, so that signing keys auth encrypted in an earlier run stay readable after a restart.
 */
export function keyEncryptionSecret(env: Record<string, string | undefined>, dataDir: string): string {
  const fromEnv = env.KEY_ENCRYPTION_SECRET;
  if (fromEnv) return fromEnv;
  const file = join(dataDir, FILE);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
