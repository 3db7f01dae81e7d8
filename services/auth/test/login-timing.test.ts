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

const timeLogin = async (email: string) => {
  const started = performance.now();
  const response = await api.login(email, 'wrong password');
  expect(response.statusCode).toBe(401);
  return performance.now() - started;
};

describe('login timing', () => {
  it('takes about as long for an unknown email as for a wrong password (within 20%, median of paired rounds)', async () => {
    const email = uniqueEmail();
    await api.register(email, 'correct horse battery');
    // Each round times both kinds back to back, alternating which goes first, so both see the same machine
    // load; the median of the per-round ratios ignores rounds where something else grabbed the CPU.
    const ratios: number[] = [];
    for (let round = 0; round < 25; round++) {
      const [first, second] = round % 2 ? [email, uniqueEmail()] : [uniqueEmail(), email];
      const [firstMs, secondMs] = [await timeLogin(first), await timeLogin(second)];
      const [wrongPasswordMs, unknownMs] = first === email ? [firstMs, secondMs] : [secondMs, firstMs];
      ratios.push(unknownMs / wrongPasswordMs);
    }
    expect(Math.abs(1 - median(ratios))).toBeLessThan(0.2);
  });
});
