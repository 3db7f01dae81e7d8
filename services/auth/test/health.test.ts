import { useTestDatabase } from '@todo-bus/testing';
import { describe, expect, it } from 'vitest';
import { startAuth } from './harness.ts';

describe('auth health', () => {
  it('is alive and ready when its database is migrated and NATS answers', async () => {
    const auth = await startAuth();
    try {
      expect((await auth.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const verdict = await auth.app.inject({ method: 'GET', url: '/readyz' });
      expect(verdict.statusCode).toBe(200);
      expect(verdict.json()).toEqual({ status: 'ok' });
      expect(verdict.headers['x-request-id']).toBeTruthy();
      // The details, and /metrics, only on the operations port.
      expect((await auth.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      expect((await auth.app.operations.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
      const ready = await auth.app.operations.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({
        status: 'ok',
        checks: { database: 'ok', migrations: 'ok', nats: 'ok', 'signing-keys': 'ok' },
      });
    } finally {
      await auth.close();
    }
  });

  it('is not ready until its migrations have run', async () => {
    const auth = await startAuth({ database: await useTestDatabase({ empty: true }) });
    try {
      const verdict = await auth.app.inject({ method: 'GET', url: '/readyz' });
      expect(verdict.json()).toEqual({ status: 'unavailable' });
      const ready = await auth.app.operations.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json<{ checks: Record<string, string> }>().checks.migrations).toMatch(/pending migration/);
    } finally {
      await auth.close();
    }
  });
});
