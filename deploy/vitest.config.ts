import { serviceVitestConfig } from '@todo-bus/testing';
import { defineConfig } from 'vitest/config';

// Unit tier: the manifests and docker-compose.yml, rendered offline by kubectl / docker-compose. Integration
// tier: the wait-for-migrations test, against a PostgreSQL server the globalSetup finds (or starts).
export default defineConfig(
  serviceVitestConfig({
    globalSetup: 'test/global-setup.ts',
    unitTests: [
      'test/compose.test.ts',
      'test/k8s-invariants.test.ts',
      'test/k8s-network.test.ts',
      'test/k8s-schema.test.ts',
      'test/network-policy.test.ts',
    ],
  }),
);
