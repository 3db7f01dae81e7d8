import { serviceVitestConfig } from '@todo-bus/testing';
import { defineConfig } from 'vitest/config';

// The globalSetup finds (or starts) a PostgreSQL server for the wait-for-migrations test.
export default defineConfig(serviceVitestConfig({ globalSetup: 'test/global-setup.ts' }));
