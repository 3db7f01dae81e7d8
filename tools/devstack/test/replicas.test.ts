// Issue 8: the services are correct with several replicas. Two todos instances and two gateways on one
// database and one NATS: every event published once, every consumer effect applied once, and an SSE
// client that reconnects to the other gateway resumes without a gap.
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { busNames, type CloudEvent } from '@todo-bus/events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type Replica, type RunningSystem } from '../src/system.ts';
import { readEvents } from './sse.ts';

let system: RunningSystem;
let todos2: Replica;
let gateway2: Replica;
let nats: NatsConnection;
let jsm: JetStreamManager;
let session: { accessToken: string; user: { id: string } };

beforeAll(async () => {
  system = await startSystem({ ports: 'free', isolated: true, log: () => {} });
  todos2 = await system.startReplica('todos');
  // The second gateway sends its todo traffic to the second todos instance: both relays and both consumers work.
  gateway2 = await system.startReplica('gateway', { TODOS_URL: todos2.url });
  nats = await connect({ servers: system.natsUrl });
  jsm = await jetstreamManager(nats);
  const registered = await fetch(`${system.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `replicas-${Date.now()}@example.com`, password: 'two-of-everything' }),
  });
  session = (await registered.json()) as typeof session;
}, 300_000);

afterAll(async () => {
  await nats?.close();
  await system?.stop();
});

const authorization = () => ({ authorization: `Bearer ${session.accessToken}` });
const createVia = (gatewayUrl: string, title: string) =>
  fetch(`${gatewayUrl}/api/todos`, {
    method: 'POST',
    headers: { ...authorization(), 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });

async function storedEvents(type: string): Promise<CloudEvent[]> {
  const stream = busNames(system.natsNamespace).stream('todos');
  const info = await jsm.streams.info(stream);
  const events: CloudEvent[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    const event = message?.json<CloudEvent>();
    if (event?.type === type) events.push(event);
  }
  return events;
}

async function publishedBy(serviceUrl: string): Promise<number> {
  const text = await (await fetch(`${serviceUrl}/metrics`)).text();
  return Number(text.match(/^outbox_published_total (\d+)/m)?.[1] ?? 0);
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('two todos instances and two gateways', () => {
  it('publish every event exactly once, and a client resumes on the other gateway without a gap', async () => {
    const first = await fetch(`${system.url}/api/events`, { headers: authorization() });
    expect((await createVia(system.url, 'before the disconnect')).status).toBe(201);
    const [seen] = await readEvents(first.body!, (events) => events.length >= 1);
    await first.body?.cancel();

    const titles = Array.from({ length: 40 }, (_, index) => `while away ${index}`);
    const created = await Promise.all(
      titles.map((title, index) => createVia(index % 2 ? gateway2.url : system.url, title)),
    );
    expect(created.map((response) => response.status)).toEqual(titles.map(() => 201));

    const resumed = await fetch(`${gateway2.url}/api/events`, {
      headers: { ...authorization(), 'last-event-id': String(seen?.id) },
    });
    const missed = await readEvents(resumed.body!, (events) => events.length >= titles.length);
    await resumed.body?.cancel();
    const missedTitles = missed.map(
      (event) => (JSON.parse(event.data) as { data: { todo: { title: string } } }).data.todo.title,
    );
    expect(missedTitles.sort()).toEqual([...titles].sort());
    expect(missed.map((event) => event.id)).toEqual(
      [...missed.map((event) => event.id)].sort((a, b) => a - b),
    );
    expect(missed.every((event) => event.id > (seen?.id ?? 0))).toBe(true);

    const total = titles.length + 1;
    const events = await waitFor(
      () => storedEvents('todo.created'),
      (found) => found.length >= total,
    );
    expect(events).toHaveLength(total);
    expect(new Set(events.map((event) => event.subject)).size).toBe(total);
    // Both relays worked, and between them published each row once (the stream would hide a duplicate).
    const [byFirst, bySecond] = [
      await publishedBy(`http://127.0.0.1:${system.operationsPorts.todos}`),
      await publishedBy(todos2.operationsUrl),
    ];
    expect(byFirst + bySecond).toBe(total);
    expect(bySecond).toBeGreaterThan(0);
  });

  it('apply a consumed event once: the user.deleted purge runs on one instance only', async () => {
    const before = (await storedEvents('todo.created')).length;
    const deleted = await fetch(`${gateway2.url}/api/auth/me`, {
      method: 'DELETE',
      headers: { ...authorization(), 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'two-of-everything' }),
    });
    expect(deleted.status).toBe(204);
    const purged = await waitFor(
      () => storedEvents('todo.deleted'),
      (found) => found.length >= before,
    );
    // Give a second (wrong) application time to show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await storedEvents('todo.deleted')).length).toBe(purged.length);
    expect(purged).toHaveLength(before);
    const client = new pg.Client({
      connectionString: `${system.databaseUrl.replace(/\/[^/?]*(\?|$)/, `/${system.databases.todos}$1`)}`,
    });
    await client.connect();
    try {
      const processed = await client.query<{ count: string }>(
        `select count(*) from processed_event where consumer = 'todos-user-deleted'`,
      );
      const remaining = await client.query<{ count: string }>(
        'select count(*) from todo where user_id = $1',
        [session.user.id],
      );
      expect(Number(processed.rows[0]?.count)).toBe(1);
      expect(Number(remaining.rows[0]?.count)).toBe(0);
    } finally {
      await client.end();
    }
  });
});
