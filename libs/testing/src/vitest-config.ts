import type { ViteUserConfig } from 'vitest/config';

export interface ServiceVitestConfigOptions {
  /** Path (relative to the project root) of the module exporting `setupTestEnvironment(...)`. */
  globalSetup?: string;
}

/**
 * The vitest settings integration suites here need: unit tests next to the code and integration tests in
 * test/, timeouts that allow a first server start, and the shared globalSetup. Use it as
 * `export default defineConfig(serviceVitestConfig({ globalSetup: 'test/global-setup.ts' }))`.
 */
export function serviceVitestConfig(options: ServiceVitestConfigOptions = {}): ViteUserConfig {
  return {
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      globalSetup: options.globalSetup ? [options.globalSetup] : [],
      testTimeout: 30_000,
      // The globalSetup may start embedded PostgreSQL or a container and migrate the template.
      hookTimeout: 120_000,
    },
  };
}
