// The repository's lint gate really enforces the module boundaries: the root eslint.config.mjs, run the way
// `npm run lint` runs it (project graph computed first), on files that exist only in this test.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const rule = '@nx/enforce-module-boundaries';

let eslint: ESLint;

beforeAll(() => {
  // Without a cached project graph the rule prints a warning and checks nothing: compute it, as lint does.
  const nx = createRequire(import.meta.url).resolve('nx/bin/nx.js');
  execFileSync(process.execPath, [nx, 'show', 'projects'], {
    cwd: repoRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    stdio: 'ignore',
  });
  // The probe files are not on disk, so no tsconfig includes them: lint them without type information (the
  // boundary rule needs none).
  eslint = new ESLint({ cwd: repoRoot, overrideConfig: tseslint.configs.disableTypeChecked });
}, 60_000);

/** The boundary errors the repository's lint reports for `source` at `path`. */
async function boundaryErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: resolve(repoRoot, path) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === rule)
    .map((message) => message.message);
}

const importing = (specifier: string) =>
  `import * as other from '${specifier}';\nexport const probe = other;\n`;

const serviceMayOnlyUseLibs = /"type:service" can only depend on libs tagged with "type:lib"/;
const appMayOnlyUseLibs = /"type:app" can only depend on libs tagged with "type:lib"/;

describe('module boundaries', () => {
  it('refuse a service importing another service, by its name or a path inside it', async () => {
    for (const specifier of ['@todo-bus/todos', '@todo-bus/todos/src/app.ts', '@todo-bus/gateway']) {
      expect(await boundaryErrors('services/auth/src/probe.ts', importing(specifier))).toEqual([
        expect.stringMatching(serviceMayOnlyUseLibs),
      ]);
    }
  });

  // Every lib and service is in devstack's dependency closure (devstack starts the parts), so these
  // imports are reported as cycles before the tags are compared: an error either way.
  it('refuse a lib or a service importing a tool, in its code or in its tests', async () => {
    const tool = importing('@todo-bus/devstack');
    expect(await boundaryErrors('libs/config/src/probe.ts', tool)).toHaveLength(1);
    expect(await boundaryErrors('services/todos/src/probe.ts', tool)).toHaveLength(1);
    expect(await boundaryErrors('services/todos/test/probe.ts', tool)).toHaveLength(1);
  });

  it("let only the app's tests use a tool", async () => {
    const tool = importing('@todo-bus/devstack');
    expect(await boundaryErrors('web/src/lib/probe.ts', tool)).toEqual([
      expect.stringMatching(appMayOnlyUseLibs),
    ]);
    expect(await boundaryErrors('web/test/e2e/probe.ts', tool)).toEqual([]);
  });

  it('let a service import a lib', async () => {
    expect(await boundaryErrors('services/auth/src/probe.ts', importing('@todo-bus/db'))).toEqual([]);
  });
});
