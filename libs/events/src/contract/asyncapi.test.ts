import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { dataSchemaUri } from '../catalog.ts';
import { busNames, eventCatalog } from '../index.ts';
import { buildAsyncApiDocument } from './asyncapi.ts';
import { asyncApiFile, readJson } from './contract-files.ts';
import { eventDataJsonSchema, eventTypes, type JsonSchema } from './json-schemas.ts';

const generated = buildAsyncApiDocument();
// Parsing runs every AsyncAPI rule, which takes a moment: once for the file.
const { document, diagnostics } = await new Parser().parse(JSON.stringify(generated));

describe('the AsyncAPI document of the events', () => {
  // The CI check: a schema change without a document change fails here.
  it('is committed as libs/events/asyncapi.json, in step with the catalog', async () => {
    const committed = await readJson(asyncApiFile);
    expect(
      committed,
      'libs/events/asyncapi.json is out of date: run `npm run asyncapi -w libs/events` and commit the result',
    ).toEqual(generated);
  });

  it('is valid AsyncAPI 3.0 for @asyncapi/parser, without errors or warnings', () => {
    const serious = [DiagnosticSeverity.Error, DiagnosticSeverity.Warning];
    const problems = diagnostics.filter((diagnostic) => serious.includes(diagnostic.severity));
    expect(problems.map(({ message, path }) => `${path.join('.')}: ${message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('lists every event type on its subject, as a CloudEvent carrying the data schema of its version', () => {
    const channels = document?.channels().all() ?? [];
    const names = busNames();
    const listed = channels.flatMap((channel) =>
      channel
        .messages()
        .all()
        .map((message) => message.name()),
    );
    expect(listed.sort()).toEqual([...eventTypes].sort());
    for (const type of eventTypes) {
      const channel = channels.find((candidate) => candidate.messages().all()[0]?.name() === type);
      expect(channel?.address()).toBe(names.subject(eventCatalog[type].domain, '{userId}', type));
      expect(channel?.parameters().has('userId')).toBe(true);
      expect(
        channel
          ?.operations()
          .all()
          .map((operation) => operation.action()),
      ).toEqual(['send']);
      const payload = channel?.messages().all()[0]?.payload()?.json<JsonSchema>();
      expect(payload?.properties?.type).toMatchObject({ const: type });
      expect(payload?.properties?.dataschema).toMatchObject({ const: dataSchemaUri(type) });
      expect(payload?.properties?.data).toMatchObject(eventDataJsonSchema(type));
      expect(payload?.required).toEqual(
        expect.arrayContaining(['specversion', 'id', 'type', 'userid', 'data']),
      );
    }
  });
});
