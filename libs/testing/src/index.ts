/**
 * @todo-bus/testing: the environment every integration suite runs in. A vitest globalSetup
 * (`setupTestEnvironment`) finds the database and NATS servers once per run (via @todo-bus/localinfra) and
 * migrates a template database; each suite then takes its own SERIALIZABLE database cloned from it
 * (`useTestDatabase`) and its own NATS namespace (`useTestNats`), so suites and projects run in parallel.
 */
export { cockroachTypesMode, widenIntegerColumns } from './cockroach-types.ts';
export { setupTestEnvironment, type SetupTestEnvironmentOptions } from './global-setup.ts';
export {
  createTemplateDatabase,
  type CreateTemplateDatabaseOptions,
  type Migrate,
  type TemplateDatabase,
} from './template-database.ts';
export { useTestDatabase, type TestDatabase, type UseTestDatabaseOptions } from './test-database.ts';
export { deleteStreamsOf, useTestNats, type TestNats } from './test-nats.ts';
export { currentTestEnvironment, TEST_ENVIRONMENT_KEY, type TestEnvironment } from './test-environment.ts';
export { findTestDatabaseServer, findTestNatsServer } from './test-servers.ts';
export { serviceVitestConfig, type ServiceVitestConfigOptions } from './vitest-config.ts';
