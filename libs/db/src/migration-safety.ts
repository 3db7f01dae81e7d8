import type { MikroORM } from '@mikro-orm/postgresql';
import type { Migration } from '@mikro-orm/migrations';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface MigrationSql {
  name: string;
  up: string[];
  down: string[];
}

/** What PostgreSQL accepts but CockroachDB rejects or runs badly (ARCHITECTURE.md, "Data ownership"). */
const hazards: [RegExp, string][] = [
  [/\b(small|big)?serial\d?\b/i, 'serial column (use uuid keys)'],
  [/\b(listen|notify|unlisten)\b|pg_notify/i, 'LISTEN/NOTIFY'],
  [/pg_(try_)?advisory/i, 'advisory lock'],
  [/(?<!not\s+)\bdeferrable\b/i, 'DEFERRABLE constraint'],
  [/\bcreate\s+(or\s+replace\s+)?(constraint\s+)?trigger\b/i, 'trigger'],
  [/\brestart\s+identity\b/i, 'TRUNCATE ... RESTART IDENTITY'],
];

const ddl = /^\s*(create|alter|drop|comment\s+on|rename|truncate)\b/i;

/** Semicolons outside quotes: a string holding several statements hides them from this check and from review. */
function statementCount(sql: string): number {
  const withoutLiterals = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, '');
  return withoutLiterals.split(';').filter((part) => part.trim().length > 0).length;
}

export function findCockroachHazards({ name, up, down }: MigrationSql): string[] {
  const found: string[] = [];
  for (const [direction, statements] of [
    ['up', up],
    ['down', down],
  ] as const) {
    for (const sql of statements) {
      for (const [pattern, what] of hazards) {
        if (pattern.test(sql)) found.push(`${name} ${direction}: ${what} in \`${sql.trim()}\``);
      }
      if (statementCount(sql) > 1) found.push(`${name} ${direction}: several statements in one addSql call`);
    }
    const schemaChanges = statements.filter((sql) => ddl.test(sql)).length;
    if (schemaChanges > 1) {
      found.push(
        `${name} ${direction}: ${schemaChanges} DDL statements (CockroachDB wants one per migration)`,
      );
    }
  }
  return found;
}

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

async function sqlOf(migration: Migration, direction: 'up' | 'down'): Promise<string[]> {
  migration.reset();
  await migration[direction]();
  return migration.getQueries().map((query) => {
    if (typeof query === 'string') return query;
    return 'toRaw' in query ? query.toRaw().sql : query.sql;
  });
}

/** Renders every migration file's up and down SQL without touching the database. */
export async function loadMigrationSql(orm: MikroORM): Promise<MigrationSql[]> {
  const folder = orm.config.get('migrations').path;
  if (!folder) return [];
  const files = (await readdir(folder)).filter(
    (file) => /^Migration.*\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'),
  );
  const rendered: MigrationSql[] = [];
  for (const file of files.sort()) {
    const module = (await import(pathToFileURL(join(folder, file)).href)) as Record<string, MigrationClass>;
    for (const MigrationClassExport of Object.values(module)) {
      const migration = new MigrationClassExport(orm.em.getDriver(), orm.config);
      const name = file.replace(/\.(ts|js)$/, '');
      rendered.push({ name, up: await sqlOf(migration, 'up'), down: await sqlOf(migration, 'down') });
    }
  }
  return rendered;
}
