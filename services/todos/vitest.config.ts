import { serviceVitestConfig } from '@todo-bus/testing';
import { defineConfig } from 'vitest/config';

export default defineConfig(serviceVitestConfig({ globalSetup: 'test/global-setup.ts' }));
