import type { MikroORM } from '@mikro-orm/postgresql';

/** The shape of the schema as the database sees it (tables, columns, indexes), for before/after comparisons. */
async function describeSchema(orm: MikroORM): Promise<string> {
  const connection = orm.em.getConnection();
  const columns = await connection.execute(
    `select table_name, column_name, data_type, is_nullable, column_default
       from information_schema.columns
      where table_schema = current_schema() and table_name <> 'mikro_orm_migrations'
      order by table_name, column_name`,
  );
  const indexes = await connection.execute(
    `select tablename, indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename <> 'mikro_orm_migrations'
      order by tablename, indexname`,
  );
  return JSON.stringify({ columns, indexes });
}

/**
 * Stairway test: from an empty database, for each migration in order: up, down, up again, checking that
 * down restores exactly the schema that was there before. Returns the entity drift left at the top
 * (SQL the entities would still need): empty when migrations and entities agree.
 */
export async function climbStairway(orm: MikroORM): Promise<{ steps: string[]; drift: string }> {
  const steps: string[] = [];
  const all = [...(await orm.migrator.getPending())].map((migration) => migration.name);
  for (const name of all) {
    const before = await describeSchema(orm);
    await orm.migrator.up({ migrations: [name] });
    await orm.migrator.down({ migrations: [name] });
    const afterDown = await describeSchema(orm);
    if (afterDown !== before) throw new Error(`${name}: down() did not restore the schema it started from`);
    await orm.migrator.up({ migrations: [name] });
    steps.push(name);
  }
  const drift = await orm.schema.getUpdateSchemaSQL({ wrap: false });
  return { steps, drift: drift.trim() };
}
