import { buildAsyncApiDocument, eventCatalog } from '@todo-bus/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayUnderTest } from './gateway-under-test.ts';

let gateway: GatewayUnderTest;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway?.close());

interface AsyncApiDocument {
  asyncapi: string;
  channels: Record<string, { address: string }>;
  components: { messages: Record<string, { name: string }> };
}

describe('/docs/events', () => {
  it('serves the AsyncAPI document of every event type, without a login', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/docs/events' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const document = response.json<AsyncApiDocument>();
    expect(document).toEqual(buildAsyncApiDocument());
    expect(document.asyncapi).toBe('3.0.0');
    const types = Object.values(document.components.messages).map((message) => message.name);
    expect(types.sort()).toEqual(Object.keys(eventCatalog).sort());
    expect(Object.values(document.channels).map((channel) => channel.address)).toContain(
      'todos.events.{userId}.todo.created',
    );
  });
});
