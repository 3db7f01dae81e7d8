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
  // INT is INT8 on CockroachDB and INT4 on PostgreSQL: node-pg would get text on one and a number on the other.
  [/\b(int|integer)\b/i, 'integer without a width (write int4 or int8)'],
  [/\b(listen|notify|unlisten)\b|pg_notify/i, 'LISTEN/NOTIFY'],
  [/pg_(try_)?advisory/i, 'advisory lock'],
  [/(?<!not\s+)\bdeferrable\b/i, 'DEFERRABLE constraint'],
  [/\bcreate\s+(or\s+replace\s+)?(constraint\s+)?trigger\b/i, 'trigger'],
  [/\brestart\s+identity\b/i, 'TRUNCATE ... RESTART IDENTITY'],
];

const ddl = /^\s*(create|alter|drop|comment\s+on|rename|truncate)\b/i;

/**
 * CockroachDB (autocommit_before_ddl, 25.1+) commits each DDL statement on its own, before the migrator
 * records the migration: a crash in between leaves it applied but unrecorded, and only a statement that
 * tolerates its own effect lets the re-run succeed. ALTER COLUMN (type, default, null) and COMMENT ON
 * already do; everything else says IF [NOT] EXISTS.
 */
const idempotent = /\bif\s+(not\s+)?exists\b|^\s*comment\s+on\b|\balter\s+column\b/i;

/** The SQL without string literals and quoted identifiers: a column named "int" or a note 'a; b' is no hazard. */
function withoutQuoted(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, '""');
}

/** Semicolons outside quotes: a string holding several statements hides them from this check and from review. */
function statementCount(sql: string): number {
  return withoutQuoted(sql)
    .split(';')
    .filter((part) => part.trim().length > 0).length;
}

export function findCockroachHazards({ name, up, down }: MigrationSql): string[] {
  const found: string[] = [];
  for (const [direction, statements] of [
    ['up', up],
    ['down', down],
  ] as const) {
    for (const sql of statements) {
      const code = withoutQuoted(sql);
      for (const [pattern, what] of hazards) {
        if (pattern.test(code)) found.push(`${name} ${direction}: ${what} in \`${sql.trim()}\``);
      }
      if (ddl.test(code) && !idempotent.test(code)) {
        found.push(`${name} ${direction}: DDL without IF [NOT] EXISTS (not crash-safe) in \`${sql.trim()}\``);
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
