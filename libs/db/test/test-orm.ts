import type { EntitySchema } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { useTestDatabase, type TestDatabase } from '@todo-bus/testing';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll } from 'vitest';
import { createOrmOptions, type ConnectionSettings } from '../src/index.ts';

/** An ORM over this suite's own database (opened in beforeAll, closed and dropped in afterAll). */
export function useTestOrm(entities: EntitySchema[], settings: ConnectionSettings = {}): () => MikroORM {
  let database: TestDatabase | undefined;
  let orm: MikroORM | undefined;
  beforeAll(async () => {
    database = await useTestDatabase();
    orm = await MikroORM.init(
      createOrmOptions({ databaseUrl: database.url, entities, migrationsPath: tmpdir(), ...settings }),
    );
  });
  afterAll(async () => {
    await orm?.close();
    await database?.drop();
  });
  return () => {
    if (!orm) throw new Error('useTestOrm: the ORM is opened in beforeAll');
    return orm;
  };
}
