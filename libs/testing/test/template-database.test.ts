import { listDatabases } from '@todo-bus/localinfra';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTemplateDatabase, useTestDatabase } from '../src/index.ts';

const adminUrl = () => inject('todoBusTestEnvironment')?.database?.adminUrl ?? '';

async function isolationOf(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ default_transaction_isolation: string }>(
      'show default_transaction_isolation',
    );
    return rows[0]?.default_transaction_isolation;
  } finally {
    await client.end();
  }
}

describe('createTemplateDatabase', () => {
  it('migrates a serializable template that suites can clone, and drop() removes it', async () => {
    const migratedUrls: string[] = [];
    const template = await createTemplateDatabase({
      name: 'testing custom',
      adminUrl: adminUrl(),
      migrate: async (url) => {
        migratedUrls.push(url);
        expect(await isolationOf(url)).toBe('serializable');
        // Deliberately left open: the template must still be clonable.
        const lingering = new pg.Client({ connectionString: url });
        lingering.on('error', () => undefined);
        await lingering.connect();
        await lingering.query('create table custom_marker (id int)');
      },
    });
    expect(template.supportsTemplates).toBe(true);
    expect(template.name).toMatch(/^tpl_testing_custom_[a-z0-9]{6}$/);
    expect(migratedUrls).toHaveLength(1);

    const clone = await useTestDatabase({ template: template.name });
    const client = new pg.Client({ connectionString: clone.url });
    await client.connect();
    const { rows } = await client.query<{ t: string | null }>(
      "select to_regclass('custom_marker')::text as t",
    );
    await client.end();
    expect(rows).toEqual([{ t: 'custom_marker' }]);
    expect(await isolationOf(clone.url)).toBe('serializable');

    await clone.drop();
    await template.drop();
    expect(await listDatabases(adminUrl(), template.name ?? '')).toEqual([]);
  });

  it('drops the half-made template when the migration fails', async () => {
    const before = await listDatabases(adminUrl(), 'tpl_testing_broken_');
    await expect(
      createTemplateDatabase({
        name: 'testing broken',
        adminUrl: adminUrl(),
        migrate: () => Promise.reject(new Error('migration 002 failed')),
      }),
    ).rejects.toThrow('migration 002 failed');
    expect(await listDatabases(adminUrl(), 'tpl_testing_broken_')).toEqual(before);
  });
});
