import { fileURLToPath } from 'node:url';

/** The web package's root directory (where package.json and build/ are). */
export const webRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The built server's entry, as the runtime contract starts it. */
export const webServerEntry = fileURLToPath(new URL('../../build/index.js', import.meta.url));

/** Screenshots and other evidence of a run (git-ignored). */
export const artifactsDir = fileURLToPath(new URL('./artifacts/', import.meta.url));
