import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasesOf, keyEncryptionSecret } from '../src/secret.ts';

const checkouts: string[] = [];
const newCheckout = () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-secret-'));
  checkouts.push(dir);
  return join(dir, '.data');
};
afterEach(() => {
  for (const dir of checkouts.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the databases of a local run go with its key encryption secret', () => {
  it('keeps the same secret, and so the same databases, from one npm start to the next', () => {
    const dataDir = newCheckout();
    const first = keyEncryptionSecret({}, dataDir);
    expect(keyEncryptionSecret({}, dataDir)).toBe(first);
    expect(databasesOf(keyEncryptionSecret({}, dataDir))).toEqual(databasesOf(first));
  });

  it('gives a second checkout, or this one after .data was wiped, databases of its own', () => {
    const one = databasesOf(keyEncryptionSecret({}, newCheckout()));
    const other = databasesOf(keyEncryptionSecret({}, newCheckout()));
    expect(one.auth).not.toBe(other.auth);
    expect(one.todos).not.toBe(other.todos);
  });

  it('names them after KEY_ENCRYPTION_SECRET when the environment sets it, in names PostgreSQL accepts', () => {
    const secret = 's'.repeat(40);
    const fromEnv = databasesOf(keyEncryptionSecret({ KEY_ENCRYPTION_SECRET: secret }, newCheckout()));
    expect(fromEnv).toEqual(databasesOf(secret));
    expect(fromEnv.auth).toMatch(/^auth_dev_[0-9a-f]{8}$/);
    expect(fromEnv.todos).toMatch(/^todos_dev_[0-9a-f]{8}$/);
    expect(fromEnv.auth).not.toContain(secret.slice(0, 8));
  });
});
