import { describe, expect, it } from 'vitest';
import { startTodos } from './harness.ts';

/** What the server says about one of the service's pooled connections. */
async function show(todos: Awaited<ReturnType<typeof startTodos>>, setting: string): Promise<string> {
  const [row] = await todos.app.orm.em.getConnection().execute<Record<string, string>[]>(`show ${setting}`);
  return Object.values(row ?? {})[0] ?? '';
}

describe('the database session of the todos service', () => {
  it('names the service and limits statements and idle transactions by default', async () => {
    const todos = await startTodos();
    try {
      expect(await show(todos, 'application_name')).toBe('todos');
      expect(await show(todos, 'statement_timeout')).toBe('15s');
      expect(await show(todos, 'idle_in_transaction_session_timeout')).toBe('10s');
    } finally {
      await todos.close();
    }
  });

  it('takes the limits and the pool from its configuration', async () => {
    const todos = await startTodos({
      env: {
        DB_STATEMENT_TIMEOUT_MS: '2500',
        DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1500',
        DB_POOL_MAX: '3',
        DB_MAX_CONNECTION_LIFETIME_SECONDS: '600',
      },
    });
    try {
      expect(await show(todos, 'statement_timeout')).toBe('2500ms');
      expect(await show(todos, 'idle_in_transaction_session_timeout')).toBe('1500ms');
      const pool = await todos.app.orm.em.getConnection().getNativeClient();
      expect(pool.options).toMatchObject({ max: 3, maxLifetimeSeconds: 600 });
    } finally {
      await todos.close();
    }
  });

  it('cancels a statement that runs past the limit', async () => {
    const todos = await startTodos({ env: { DB_STATEMENT_TIMEOUT_MS: '100' } });
    try {
      await expect(todos.app.orm.em.getConnection().execute('select pg_sleep(1)')).rejects.toThrow(
        /statement timeout/,
      );
    } finally {
      await todos.close();
    }
  });
});
