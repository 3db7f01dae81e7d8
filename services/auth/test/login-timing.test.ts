import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authApi, uniqueEmail } from './api.ts';
import { startAuth, type AuthUnderTest } from './harness.ts';

let auth: AuthUnderTest;
let api: ReturnType<typeof authApi>;

beforeAll(async () => {
  auth = await startAuth({ env: { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_ACCOUNT: '1000' } });
  api = authApi(auth.app);
});
afterAll(() => auth?.close());

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('login timing', () => {
  it('takes about as long for an unknown email as for a wrong password (medians within 20%)', async () => {
    const email = uniqueEmail();
    await api.register(email, 'correct horse battery');
    const timings = { unknown: [] as number[], wrongPassword: [] as number[] };
    // Interleaved, so both kinds see the same machine load.
    for (let round = 0; round < 15; round++) {
      for (const kind of ['unknown', 'wrongPassword'] as const) {
        const started = performance.now();
        const response = await api.login(kind === 'unknown' ? uniqueEmail() : email, 'wrong password');
        timings[kind].push(performance.now() - started);
        expect(response.statusCode).toBe(401);
      }
    }
    const unknown = median(timings.unknown);
    const wrongPassword = median(timings.wrongPassword);
    expect(Math.abs(unknown - wrongPassword) / Math.max(unknown, wrongPassword)).toBeLessThan(0.2);
  });
});
