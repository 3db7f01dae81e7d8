import { defineEntity, p } from '@mikro-orm/core';
import { describe, expect, it, vi } from 'vitest';
import { inTransaction } from '../src/index.ts';
import { useTestOrm } from './test-orm.ts';

const Effect = defineEntity({ name: 'Effect', properties: { id: p.uuid().primary(), note: p.text() } });

const testOrm = useTestOrm([Effect]);

// libs/http answers this error 503 with Retry-After (its error-handler test).
const unavailable = { name: 'DatabaseBusyError', retryAfterSeconds: 1 };

describe('inTransaction when the outcome is unknown or the node goes away', () => {
  it('fails with a retry-later error on 40003 (ambiguous result), without running the work again', async () => {
    let runs = 0;
    const ambiguous = inTransaction(testOrm().em, async (em) => {
      runs++;
      await em.execute("do $$ begin raise exception 'result is ambiguous' using errcode = '40003'; end $$");
    });
    await expect(ambiguous).rejects.toMatchObject({ ...unavailable, cause: { code: '40003' } });
    expect(runs).toBe(1);
  });

  it('fails with a retry-later error when the server ends the connection (57P01, a draining node)', async () => {
    const drained = inTransaction(testOrm().em, (em) =>
      em.execute('select pg_terminate_backend(pg_backend_pid())'),
    );
    await expect(drained).rejects.toMatchObject(unavailable);
    // Its ROLLBACK cannot succeed either, so nothing else would ever give the slot back to the pool.
    const pool = await testOrm().em.getConnection().getNativeClient();
    await vi.waitFor(() => expect(pool.totalCount - pool.idleCount).toBe(0), { timeout: 3_000 });
    const [row] = await inTransaction(testOrm().em, (em) => em.execute<{ one: number }[]>('select 1 as one'));
    expect(row).toEqual({ one: 1 });
  });
});
