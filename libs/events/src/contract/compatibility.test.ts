import { describe, expect, it } from 'vitest';
import { contractProblems, requiredFieldsLost, type CurrentSchema } from './compatibility.ts';
import { currentSchemas, readPublishedSchemas } from './contract-files.ts';
import type { JsonSchema } from './json-schemas.ts';

const published = await readPublishedSchemas();

/**
 * The published todo.created v1 for the tests below to break: published schemas never change, so these
 * tests keep meaning the same thing whatever the catalog becomes.
 */
function todoCreatedV1(): JsonSchema {
  const snapshot = published['todo.created.v1'];
  if (!snapshot) throw new Error('todo.created.v1 is not published');
  return structuredClone(snapshot);
}

const todoOf = (schema: JsonSchema) => schema.properties?.todo ?? {};
const v1 = (schema: JsonSchema): CurrentSchema => ({ type: 'todo.created', version: 1, schema });
const v2 = (schema: JsonSchema): CurrentSchema => ({ type: 'todo.created', version: 2, schema });

describe('the published event schemas', () => {
  // The compatibility check: a breaking change to a published schema fails here.
  it('match the catalog: every type@version is published and unchanged since', () => {
    const problems = contractProblems(currentSchemas(), published);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('catch a change to a published version', () => {
    const changed = todoCreatedV1();
    todoOf(changed).properties = { ...todoOf(changed).properties, title: { type: 'number' } };
    expect(contractProblems([v1(changed)], { 'todo.created.v1': todoCreatedV1() })).toEqual([
      'the data schema of todo.created changed after version 1 was published: ' +
        'bump its version in src/catalog.ts to 2 and run `npm run asyncapi -w libs/events`',
    ]);
  });

  it('ask to publish a new version, and refuse going back or dropping a published type', () => {
    const snapshots = { 'todo.created.v1': todoCreatedV1(), 'user.deleted.v1': { type: 'object' } };
    expect(contractProblems([v2(todoCreatedV1())], snapshots)).toEqual([
      'todo.created.v2 is not published: run `npm run asyncapi -w libs/events`',
      'user.deleted was published but is gone from the catalog',
    ]);
    expect(contractProblems([v1(todoCreatedV1())], { ...snapshots, 'todo.created.v2': {} })).toEqual([
      'user.deleted was published but is gone from the catalog',
      'todo.created is at version 1 in the catalog but v2 was published',
    ]);
  });
});

describe('a new version of an event schema', () => {
  it('may add fields, required or not', () => {
    const next = todoCreatedV1();
    next.properties = { ...next.properties, list: { type: 'string' } };
    next.required = [...(next.required ?? []), 'list'];
    todoOf(next).properties = { ...todoOf(next).properties, dueAt: { type: 'string' } };
    expect(requiredFieldsLost(todoCreatedV1(), next)).toEqual([]);
  });

  it('may not remove, rename, loosen or retype a required field, at any depth', () => {
    const next = todoCreatedV1();
    const todo = todoOf(next);
    const { title, ...withoutTitle } = todo.properties ?? {};
    todo.properties = { ...withoutTitle, name: title ?? {}, completed: { type: 'string' } };
    todo.required = (todo.required ?? []).filter((field) => field !== 'title' && field !== 'order');
    expect(requiredFieldsLost(todoCreatedV1(), next)).toEqual([
      'data.todo.title is required by the previous version and gone',
      'data.todo.completed changed type from "boolean" to "string"',
      'data.todo.order is required by the previous version and optional now',
    ]);
  });

  it('is checked against the previous published version, and not offered for publishing when it breaks it', () => {
    const next = todoCreatedV1();
    next.required = [];
    const loss = 'todo.created v2: data.todo is required by the previous version and optional now';
    expect(contractProblems([v2(next)], { 'todo.created.v1': todoCreatedV1() })).toEqual([loss]);
    expect(
      contractProblems([v2(next)], { 'todo.created.v1': todoCreatedV1(), 'todo.created.v2': next }),
    ).toEqual([loss]);
    expect(contractProblems([v2(next)], {})).toEqual([
      'todo.created v1 is not published, so v2 has nothing to extend',
      'todo.created.v2 is not published: run `npm run asyncapi -w libs/events`',
    ]);
  });
});
