// Reads docker-compose.yml as Compose does, without Docker: validated against the Compose Specification's JSON
// schema (dclint bundles the published schema and checks it first), then YAML anchors and merge keys resolved
// and `${VAR}` interpolated from an environment, as `docker compose config` would print it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './render.ts';

export const COMPOSE_FILE = join(REPO_ROOT, 'docker-compose.yml');

// dclint's style rules are opinions about order and quoting, not about whether Compose accepts the file.
// The file is ordered for readers (start-up order), and the two rules below describe deliberate choices.
const RULES_OFF = [
  'top-level-properties-order',
  'services-alphabetical-order',
  'service-keys-order',
  'service-dependencies-alphabetical-order',
  'service-ports-alphabetical-order',
  'no-quotes-in-volumes',
  // The dev profile builds each image from this tree *and* tags it, so `prod` and the migrate jobs reuse it.
  'no-build-and-image',
  // The gateway is the public entry point: it listens on every interface on purpose.
  'no-unbound-port-interfaces',
];

// dclint's type declarations use extensionless relative imports, which NodeNext resolution cannot follow, so it
// is loaded untyped and the part of its API used here is typed by hand.
interface LintResult {
  messages: ComposeProblem[];
}
const { DCLinter } = createRequire(import.meta.url)('dclint') as {
  DCLinter: new (config: { rules: Record<string, 0>; quiet: boolean; debug: boolean; exclude: string[] }) => {
    lintFiles(paths: string[], recursive: boolean): LintResult[];
  };
};

export interface ComposeProblem {
  rule: string;
  line: number;
  message: string;
}

/** Schema violations and correctness findings in a compose file: none for a valid one. */
export function lintComposeFile(path = COMPOSE_FILE): ComposeProblem[] {
  const rules = Object.fromEntries(RULES_OFF.map((rule) => [rule, 0 as const]));
  const linter = new DCLinter({ rules, quiet: true, debug: false, exclude: [] });
  return linter
    .lintFiles([path], false)
    .flatMap((result) => result.messages)
    .map(({ rule, line, message }) => ({ rule, line, message }));
}

// Compose interpolation (compose-spec "Interpolation"): ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:?error}, ${VAR?error}, ${VAR:+replacement}, ${VAR+replacement}, $VAR, and $$ for a literal $.
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    VARIABLE,
    (match: string, braced?: string, operator?: string, operand?: string, bare?: string) => {
      if (match === '$$') return '$';
      const name = braced ?? bare ?? '';
      const value = env[name];
      const set = operator?.startsWith(':') ? Boolean(value) : value !== undefined;
      switch (operator?.replace(':', '') as '-' | '?' | '+' | undefined) {
        case '-':
          return set ? (value ?? '') : (operand ?? '');
        case '?':
          if (!set) throw new Error(`required variable ${name} is missing a value: ${operand ?? ''}`);
          return value ?? '';
        case '+':
          return set ? (operand ?? '') : '';
        case undefined:
          return value ?? '';
      }
    },
  );
}

function interpolateAll(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, env)]));
  }
  return value;
}

/** The compose model with every profile enabled, anchors merged and variables interpolated from `env`. */
export function composeConfig<T>(env: Record<string, string | undefined>): T {
  const model = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as Record<string, unknown>;
  // Top-level x-* keys are extension fields: anchors only, never part of the model Compose runs.
  const withoutExtensions = Object.fromEntries(
    Object.entries(model).filter(([key]) => !key.startsWith('x-')),
  );
  return interpolateAll(withoutExtensions, env) as T;
}
