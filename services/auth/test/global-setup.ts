import { migrateDatabase } from '@todo-bus/db';
import { setupTestEnvironment } from '@todo-bus/testing';
import { authOrmOptions } from '../src/orm.ts';

export default setupTestEnvironment({
  name: 'auth',
  migrate: async (databaseUrl) => {
    await migrateDatabase(authOrmOptions(databaseUrl));
  },
  failOnLeftovers: true,
});
