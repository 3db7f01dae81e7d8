// adapter-node, with this project's runtime defaults baked into `build/index.js`.
//
// The runtime contract (docs/runtime-contract.md) says every part listens on HOST=127.0.0.1 unless told
// otherwise, and the web server only ever sits behind the gateway. adapter-node 6 defaults HOST to 0.0.0.0
// and no longer reads ORIGIN at runtime (SvelteKit 3 moved it to the build-time `paths.origin`), so the
// public origin is derived from the gateway's X-Forwarded-Proto / X-Forwarded-Host headers instead.
// Every default below can still be overridden by setting the variable.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter } from '@sveltejs/kit';
import nodeAdapter from '@sveltejs/adapter-node';

export const runtimeEnvDefaults = {
  HOST: '127.0.0.1',
  PROTOCOL_HEADER: 'x-forwarded-proto',
  HOST_HEADER: 'x-forwarded-host',
  // The browser's address (the gateway overwrites X-Forwarded-For with it), forwarded on the web server's
  // own API calls so that per-client rate limits count browsers, not the web server.
  ADDRESS_HEADER: 'x-forwarded-for',
} as const;

/** The module `build/index.js` imports before adapter-node's server reads process.env. */
export function envDefaultsModule(defaults: Readonly<Record<string, string>> = runtimeEnvDefaults): string {
  const lines = Object.entries(defaults).map(
    ([name, value]) => `process.env[${JSON.stringify(name)}] ??= ${JSON.stringify(value)};`,
  );
  return [`import process from 'node:process';`, ...lines, ''].join('\n');
}

export function adapter(options: { out?: string } = {}): Adapter {
  const out = options.out ?? 'build';
  const base = nodeAdapter({ out });
  return {
    ...base,
    name: 'todo-bus-adapter-node',
    async adapt(builder) {
      await base.adapt(builder);
      writeFileSync(join(out, 'env-defaults.js'), envDefaultsModule());
      // ES modules evaluate their imports in order, so the defaults are in place before adapter-node's
      // server module reads them.
      const entry = join(out, 'index.js');
      writeFileSync(entry, `import './env-defaults.js';\n${readFileSync(entry, 'utf8')}`);
    },
  };
}
