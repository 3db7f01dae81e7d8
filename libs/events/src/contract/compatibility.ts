import { isDeepStrictEqual } from 'node:util';
import { publishedSchemaName, type JsonSchema } from './json-schemas.ts';

/** One catalog entry at its current version, with the JSON Schema of its `data`. */
export interface CurrentSchema {
  type: string;
  version: number;
  schema: JsonSchema;
}

const publishHint = 'run `npm run asyncapi -w libs/events`';

const typeName = (schema: JsonSchema | undefined) => JSON.stringify(schema?.type ?? 'any');

/**
 * Where `next` breaks a consumer written for `previous`: a field `previous` requires that `next` drops,
 * makes optional or gives another JSON type, at any depth of objects and array items.
 */
export function requiredFieldsLost(previous: JsonSchema, next: JsonSchema, path = 'data'): string[] {
  if (!isDeepStrictEqual(previous.type, next.type)) {
    return [`${path} changed type from ${typeName(previous)} to ${typeName(next)}`];
  }
  const problems: string[] = [];
  for (const field of previous.required ?? []) {
    const fieldPath = `${path}.${field}`;
    const before = previous.properties?.[field] ?? {};
    const after = next.properties?.[field];
    if (!after) problems.push(`${fieldPath} is required by the previous version and gone`);
    else if (!next.required?.includes(field))
      problems.push(`${fieldPath} is required by the previous version and optional now`);
    else problems.push(...requiredFieldsLost(before, after, fieldPath));
  }
  if (previous.items && next.items)
    problems.push(...requiredFieldsLost(previous.items, next.items, `${path}[]`));
  return problems;
}

/**
 * The rules of a versioned contract, checked against the published snapshots (`todo.created.v1` → schema):
 * every current type@version is published and unchanged since; a published type does not disappear or go
 * back a version; a new version keeps every required field of the previous one with the same JSON type.
 * Returns what is wrong, one sentence each; empty when the contract holds.
 */
export function contractProblems(current: CurrentSchema[], published: Record<string, JsonSchema>): string[] {
  const problems: string[] = [];
  const currentVersions = new Map(current.map((entry) => [entry.type, entry.version]));
  for (const { type, version, schema } of current) {
    const name = publishedSchemaName(type, version);
    const snapshot = published[name];
    const previous = version > 1 ? published[publishedSchemaName(type, version - 1)] : undefined;
    const losses = previous ? requiredFieldsLost(previous, schema) : [];
    if (version > 1 && !previous) {
      problems.push(`${type} v${version - 1} is not published, so v${version} has nothing to extend`);
    }
    // A new version that breaks the previous one is not publishable; say what to fix, not to publish it.
    problems.push(...losses.map((loss) => `${type} v${version}: ${loss}`));
    if (!snapshot) {
      if (losses.length === 0) problems.push(`${name} is not published: ${publishHint}`);
    } else if (!isDeepStrictEqual(snapshot, schema)) {
      problems.push(
        `the data schema of ${type} changed after version ${version} was published: ` +
          `bump its version in src/catalog.ts to ${version + 1} and ${publishHint}`,
      );
    }
  }
  for (const name of Object.keys(published)) {
    const [, type = name, version = '0'] = /^(.+)\.v(\d+)$/.exec(name) ?? [];
    const currentVersion = currentVersions.get(type);
    if (currentVersion === undefined) problems.push(`${type} was published but is gone from the catalog`);
    else if (currentVersion < Number(version)) {
      problems.push(`${type} is at version ${currentVersion} in the catalog but v${version} was published`);
    }
  }
  return problems;
}
