import { configDefaults, type ViteUserConfig } from 'vitest/config';

export interface ServiceVitestConfigOptions {
  /** Path (relative to the project root) of the module exporting `setupTestEnvironment(...)`. */
  globalSetup?: string;
  /**
   * Test files under test/ that need no server either (globs relative to the project root): they run in the
   * unit tier instead of the integration tier. Every test file runs in exactly one tier.
   */
  unitTests?: string[];
}

/**
 * The vitest settings suites here need, as two tiers (vitest projects):
 * - `unit`: tests next to the code (src/) with fakes, no server: `vitest run --project unit` takes seconds;
 * - `integration`: test/, against real PostgreSQL and NATS found or started by the shared globalSetup.
 * `vitest run` runs both. Timeouts allow a first server start. Use it as
 * `export default defineConfig(serviceVitestConfig({ globalSetup: 'test/global-setup.ts' }))`.
 */
export function serviceVitestConfig(options: ServiceVitestConfigOptions = {}): ViteUserConfig {
  const unitTests = options.unitTests ?? [];
  return {
    test: {
      testTimeout: 30_000,
      // The globalSetup may start embedded PostgreSQL or a container and migrate the template.
      hookTimeout: 120_000,
      projects: [
        { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', ...unitTests] } },
        {
          extends: true,
          test: {
            name: 'integration',
            include: ['test/**/*.test.ts'],
            exclude: [...configDefaults.exclude, ...unitTests],
            globalSetup: options.globalSetup ? [options.globalSetup] : [],
          },
        },
      ],
    },
  };
}
