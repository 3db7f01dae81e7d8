import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { adapter } from './adapter.ts';

// SvelteKit 3 has no svelte.config.js: its options (and vite-plugin-svelte's) go to the plugin here.
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter(),
      compilerOptions: { runes: true },
      // Libraries in node_modules keep Svelte's own detection; our components are always runes mode.
      dynamicCompileOptions: ({ filename }) =>
        filename.includes('/node_modules/') ? { runes: undefined } : undefined,
    }),
  ],
});
