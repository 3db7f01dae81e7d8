// Parses an environment with a part's own zod config schema (its src/config.ts), in a child process run
// from the part's directory: the deploy tests check manifests against the real schemas without importing
// a service (module boundaries) and without loading one's dependencies into this process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './render.ts';

export type ConfigCheck = { ok: true; config: Record<string, unknown> } | { ok: false; issues: string[] };

const PARSE = `
import * as config from './src/config.ts';
const [schemaName] = process.argv.slice(1);
const env = JSON.parse(await new Response(process.stdin).text());
const result = config[schemaName].safeParse(env);
process.stdout.write(JSON.stringify(result.success
  ? { ok: true, config: result.data }
  : { ok: false, issues: result.error.issues.map((issue) => issue.path.join('.') + ': ' + issue.message) }));
`;

/** `partDir` relative to the repository: services/auth, services/todos, gateway. */
export function checkPartConfig(
  partDir: string,
  env: Record<string, string>,
  schemaName: 'configSchema' | 'migrateConfigSchema' = 'configSchema',
): ConfigCheck {
  const result = spawnSync(process.execPath, ['--input-type=module', '--eval', PARSE, schemaName], {
    cwd: join(REPO_ROOT, partDir),
    input: JSON.stringify(env),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`could not load ${partDir}/src/config.ts:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ConfigCheck;
}
