// The committed contract: libs/events/asyncapi.json and the published data schemas. Used by the
// `asyncapi` script and the tests that keep them in step with the catalog; services never load this.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { eventCatalog } from '../catalog.ts';
import type { AsyncApiDocument } from './asyncapi.ts';
import { requiredFieldsLost, type CurrentSchema } from './compatibility.ts';
import { eventDataJsonSchema, eventTypes, publishedSchemaName, type JsonSchema } from './json-schemas.ts';

export const asyncApiFile = new URL('../../asyncapi.json', import.meta.url);
export const publishedSchemasDir = new URL('../../schemas/published/', import.meta.url);

export function currentSchemas(): CurrentSchema[] {
  return eventTypes.map((type) => ({
    type,
    version: eventCatalog[type].version,
    schema: eventDataJsonSchema(type),
  }));
}

export async function readJson<T>(file: URL): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

export async function readPublishedSchemas(): Promise<Record<string, JsonSchema>> {
  const published: Record<string, JsonSchema> = {};
  for (const file of await readdir(publishedSchemasDir)) {
    if (!file.endsWith('.json')) continue;
    published[file.slice(0, -'.json'.length)] = await readJson(new URL(file, publishedSchemasDir));
  }
  return published;
}

/** JSON the way the repository's Prettier formats it, so `npm run format:check` agrees with the script. */
async function formatJson(value: unknown, file: URL): Promise<string> {
  const options = (await resolveConfig(file)) ?? {};
  return format(JSON.stringify(value), { ...options, filepath: file.pathname });
}

export async function writeAsyncApiDocument(document: AsyncApiDocument): Promise<void> {
  await writeFile(asyncApiFile, await formatJson(document, asyncApiFile));
}

/**
 * Publishes the current version of every type that is not yet, unless it breaks the previous version (the
 * contract check says how). A published file is never rewritten.
 */
export async function publishNewSchemaVersions(): Promise<string[]> {
  const published = await readPublishedSchemas();
  const written: string[] = [];
  for (const { type, version, schema } of currentSchemas()) {
    const name = publishedSchemaName(type, version);
    if (published[name]) continue;
    const previous = published[publishedSchemaName(type, version - 1)];
    if (previous && requiredFieldsLost(previous, schema).length > 0) continue;
    const file = new URL(`${name}.json`, publishedSchemasDir);
    await writeFile(file, await formatJson(schema, file), { flag: 'wx' });
    written.push(name);
  }
  return written;
}
