import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isSerializationFailure, withRetry } from './retry.ts';

const serializationError = () => Object.assign(new Error('restart transaction'), { code: '40001' });

describe('isSerializationFailure', () => {
  it('recognises 40001 on the error or its cause', () => {
    expect(isSerializationFailure(serializationError())).toBe(true);
    expect(isSerializationFailure(new Error('wrapped', { cause: serializationError() }))).toBe(true);
    expect(isSerializationFailure(Object.assign(new Error('x'), { sqlState: '40001' }))).toBe(true);
    expect(isSerializationFailure(Object.assign(new Error('unique'), { code: '23505' }))).toBe(false);
    expect(isSerializationFailure('40001')).toBe(false);
  });
});

describe('withRetry', () => {
  it('retries serialization failures until the work succeeds', async () => {
    let calls = 0;
    const retried: number[] = [];
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw serializationError();
        return 'done';
      },
      { baseDelayMs: 1, onRetry: (_error, attempt) => retried.push(attempt) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(retried).toEqual([1, 2]);
  });

  it('gives up after the bounded number of attempts', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw serializationError();
      },
      { attempts: 4, baseDelayMs: 1 },
    );
    await expect(failing).rejects.toMatchObject({ code: '40001' });
    expect(calls).toBe(4);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const failing = withRetry(async () => {
      calls++;
      throw Object.assign(new Error('duplicate key'), { code: '23505' });
    });
    await expect(failing).rejects.toThrow('duplicate key');
    expect(calls).toBe(1);
  });
});

describe('isDatabaseUnavailable', () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it.each(['40003', '57P01', '08006', 'ECONNRESET'])('recognises %s on the error or its cause', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode(code) }))).toBe(true);
  });

  it("recognises node-pg's own connection errors, and nothing else", () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('40001'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('23505'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});
