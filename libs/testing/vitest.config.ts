import { defineConfig } from 'vitest/config';
import { serviceVitestConfig } from './src/vitest-config.ts';

// This lib tests itself the way a service would use it: through the shared globalSetup.
export default defineConfig(serviceVitestConfig({ globalSetup: 'test/global-setup.ts' }));
