// A KEY_ENCRYPTION_SECRET that does not match the signing keys in the database stops auth at boot with one
// line, instead of a service that says "ready" and answers every login with a 500.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authApi, uniqueEmail } from './api.ts';
import { startAuth, type AuthUnderTest } from './harness.ts';

const wrongSecret = 'not-the-secret-these-keys-were-sealed-with';

/** `node src/main.ts` as deploys run it, with the suite's settings and `env` over them. */
function runMain(auth: AuthUnderTest, env: Record<string, string>) {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: join(import.meta.dirname, '..'),
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: auth.config.DATABASE_URL,
      NATS_URL: auth.config.NATS_URL,
      NATS_NAMESPACE: auth.config.NATS_NAMESPACE,
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // If it wrongly started, it would listen for ever: end it so the test fails on the exit code, not a hang.
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(watchdog);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('a KEY_ENCRYPTION_SECRET that does not match the database', () => {
  let auth: AuthUnderTest;
  beforeAll(async () => {
    // Boots with the suite's secret and seals its first signing keys with it.
    auth = await startAuth();
  });
  afterAll(() => auth?.close());

  it('stops auth at boot with exit code 1 and one line saying what is wrong and what to do', async () => {
    const run = await runMain(auth, { KEY_ENCRYPTION_SECRET: wrongSecret });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const fatal = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((line) => line.level >= 50);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]?.msg).toMatch(
      /^KEY_ENCRYPTION_SECRET does not match the signing keys in the database .*npm run rotate-keys/,
    );
    expect(fatal[0]?.msg).not.toContain('\n');
  }, 40_000);

  it('leaves the running service, which has the right secret, registering users', async () => {
    const registered = await authApi(auth.app).register(uniqueEmail(), 'correct horse battery');
    expect(registered.statusCode).toBe(201);
  });
});
