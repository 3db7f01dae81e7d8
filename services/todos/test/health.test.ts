import { useTestDatabase } from '@todo-bus/testing';
import { describe, expect, it } from 'vitest';
import { startTodos } from './harness.ts';

describe('todos health', () => {
  it('is alive and ready when its database is migrated and NATS answers', async () => {
    const todos = await startTodos();
    try {
      expect((await todos.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const verdict = await todos.app.inject({ method: 'GET', url: '/readyz' });
      expect(verdict.statusCode).toBe(200);
      expect(verdict.json()).toEqual({ status: 'ok' });
      expect(verdict.headers['x-request-id']).toBeTruthy();
      // The details, and /metrics, only on the operations port.
      expect((await todos.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      expect((await todos.app.operations.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
      const ready = await todos.app.operations.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({
        status: 'ok',
        checks: { database: 'ok', migrations: 'ok', nats: 'ok' },
      });
    } finally {
      await todos.close();
    }
  });

  it('is not ready until its migrations have run', async () => {
    const todos = await startTodos({ database: await useTestDatabase({ empty: true }) });
    try {
      const verdict = await todos.app.inject({ method: 'GET', url: '/readyz' });
      expect(verdict.json()).toEqual({ status: 'unavailable' });
      const ready = await todos.app.operations.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json<{ checks: Record<string, string> }>().checks.migrations).toMatch(/pending migration/);
    } finally {
      await todos.close();
    }
  });
});
