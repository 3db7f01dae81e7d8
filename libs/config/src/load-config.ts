import { z } from 'zod';

/** Thrown when the environment does not satisfy a schema; its message names every variable at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function formatConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  env: Record<string, string | undefined>,
): string {
  return issues
    .map((issue) => {
      const variable = issue.path.join('.') || '(environment)';
      return env[variable] === undefined ? `${variable} is required` : `${variable}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Parses `env` (normally `process.env`, passed in by main.ts) with the part's schema.
 * Unknown variables are ignored: the process environment holds far more than one part's settings.
 */
export function loadConfig<Schema extends z.ZodObject>(
  schema: Schema,
  env: Record<string, string | undefined>,
): z.output<Schema> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration: ${formatConfigIssues(result.error.issues, env)}`);
  }
  return result.data;
}

/** For main.ts: a bad environment ends the process with one line naming the variable, not a stack trace. */
export function loadConfigOrExit<Schema extends z.ZodObject>(
  schema: Schema,
  env: Record<string, string | undefined>,
): z.output<Schema> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
