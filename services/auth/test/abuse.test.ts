import { createLogger } from '@todo-bus/logger';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authApi, uniqueEmail, type SessionBody } from './api.ts';
import { startAuth, type AuthUnderTest } from './harness.ts';

const logLines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString());
    done();
  },
});

let auth: AuthUnderTest;
let api: ReturnType<typeof authApi>;

beforeAll(async () => {
  auth = await startAuth({
    env: { RATE_LIMIT_PER_IP: '5', RATE_LIMIT_PER_ACCOUNT: '4', RATE_LIMIT_WINDOW_SECONDS: '60' },
    deps: { logger: createLogger({ name: 'auth', level: 'trace', destination: capture }) },
  });
  api = authApi(auth.app);
});
afterAll(() => auth?.close());

let nextAddress = 10;
const freshIp = () => `10.0.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}`;

describe('abuse resistance', () => {
  it('limits login attempts per IP with a 429 problem and Retry-After', async () => {
    const ip = freshIp();
    const statuses = [];
    for (let attempt = 0; attempt < 6; attempt++)
      statuses.push((await api.login(uniqueEmail(), 'wrong password', ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await api.login(uniqueEmail(), 'wrong password', ip);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected, and neither is this one's budget for other routes.
    expect((await api.login(uniqueEmail(), 'wrong password', freshIp())).statusCode).toBe(401);
    expect((await api.register(uniqueEmail(), 'correct horse battery', ip)).statusCode).toBe(201);
  });

  it('limits login attempts per account across IPs, without touching other accounts', async () => {
    const email = uniqueEmail();
    expect((await api.register(email, 'correct horse battery', freshIp())).statusCode).toBe(201);
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt++)
      statuses.push((await api.login(email, 'wrong password', freshIp())).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await api.login(uniqueEmail(), 'wrong password', freshIp())).statusCode).toBe(401);
  });

  it('never writes a password or token to the logs', async () => {
    const password = 'a very secret passphrase';
    const session = (await api.register(uniqueEmail(), password, freshIp())).json<SessionBody>();
    const refreshed = (await api.refresh(session.refreshToken)).json<SessionBody>();
    await api.me(refreshed.accessToken);
    await api.logout(refreshed.refreshToken);
    await api.login(session.user.email, 'wrong password too', freshIp());
    const written = logLines.join('');
    expect(written.length).toBeGreaterThan(0);
    for (const secret of [
      password,
      'wrong password too',
      session.refreshToken,
      refreshed.refreshToken,
      session.accessToken,
      refreshed.accessToken,
    ]) {
      expect(written).not.toContain(secret);
    }
  });
});
