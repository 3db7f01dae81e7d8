import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { adapter } from './adapter.ts';

// SvelteKit 3 has no svelte.config.js: its options (and vite-plugin-svelte's) go to the plugin here.
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter(),
      // The gateway leaves the Content-Security-Policy of pages to the app. Scripts: our own, plus SvelteKit's
      // inline start-up script by nonce. Styles may be inline (style attributes); nothing loads from elsewhere.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:'],
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
      compilerOptions: { runes: true },
      // Libraries in node_modules keep Svelte's own detection; our components are always runes mode.
      dynamicCompileOptions: ({ filename }) =>
        filename.includes('/node_modules/') ? { runes: undefined } : undefined,
    }),
  ],
});
