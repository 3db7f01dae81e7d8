import { migrateDatabase } from '@todo-bus/db';
import { setupTestEnvironment } from '@todo-bus/testing';
import { todosOrmOptions } from '../src/orm.ts';

export default setupTestEnvironment({
  name: 'todos',
  migrate: async (databaseUrl) => {
    await migrateDatabase(todosOrmOptions(databaseUrl));
  },
  failOnLeftovers: true,
});
