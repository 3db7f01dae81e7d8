import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayUnderTest } from './gateway-under-test.ts';
import { publishTodoEvent } from './publish.ts';
import { openEventStream, type EventStream } from './sse-client.ts';

let gateway: GatewayUnderTest;
let baseUrl: string;

beforeAll(async () => {
  gateway = await startGateway({
    SSE_HEARTBEAT_SECONDS: '1',
    SSE_MAX_BUFFERED_BYTES: '65536',
    RATE_LIMIT_PER_IP: '100000',
    RATE_LIMIT_PER_USER: '100000',
  });
  baseUrl = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => gateway?.close());

async function streamFor(
  userId: string,
  lastEventId?: number,
  via: 'header' | 'query' = 'header',
): Promise<EventStream> {
  const token = await gateway.issuer.sign(userId);
  const query = lastEventId !== undefined && via === 'query' ? `?lastEventId=${lastEventId}` : '';
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (lastEventId !== undefined && via === 'header') headers['last-event-id'] = String(lastEventId);
  const stream = await openEventStream(`${baseUrl}/api/events${query}`, headers);
  await stream.waitForComment('connected');
  return stream;
}

describe('GET /api/events', () => {
  it('streams the caller’s own events with id = stream sequence and event = CloudEvent type', async () => {
    const alice = randomUUID();
    const stream = await streamFor(alice);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const published = await publishTodoEvent(gateway.app, alice);
    await stream.waitForEvents(1);
    expect(stream.events[0]).toMatchObject({
      id: published.seq,
      event: 'todo.created',
      data: { id: published.id, userid: alice },
    });
    await stream.close();
  });

  it('never shows one user another user’s events', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const aliceStream = await streamFor(alice);
    const bobStream = await streamFor(bob);
    await publishTodoEvent(gateway.app, alice);
    await publishTodoEvent(gateway.app, alice);
    const bobs = await publishTodoEvent(gateway.app, bob);
    await bobStream.waitForEvents(1);
    await aliceStream.waitForEvents(2);
    expect(bobStream.events.map((event) => event.id)).toEqual([bobs.seq]);
    expect(aliceStream.events.every((event) => event.data.userid === alice)).toBe(true);
    await Promise.all([aliceStream.close(), bobStream.close()]);
  });

  it('after a disconnect, resumes with Last-Event-ID: exactly the missed events in order, then live ones', async () => {
    const alice = randomUUID();
    const first = await streamFor(alice);
    await publishTodoEvent(gateway.app, alice);
    await first.waitForEvents(1);
    const lastSeen = first.events[0]?.id ?? 0;
    await first.close();

    const missed = [];
    for (let i = 0; i < 5; i++) missed.push(await publishTodoEvent(gateway.app, alice));
    await publishTodoEvent(gateway.app, randomUUID());

    for (const via of ['header', 'query'] as const) {
      const resumed = await streamFor(alice, lastSeen, via);
      await resumed.waitForEvents(missed.length);
      const live = await publishTodoEvent(gateway.app, alice);
      await resumed.waitForEvents(missed.length + 1);
      expect(resumed.events.map((event) => event.id)).toEqual([
        ...missed.map((event) => event.seq),
        live.seq,
      ]);
      missed.push(live);
      await resumed.close();
    }
  });

  it('replays nothing when the client is up to date', async () => {
    const alice = randomUUID();
    const { seq } = await publishTodoEvent(gateway.app, alice);
    const stream = await streamFor(alice, seq);
    const live = await publishTodoEvent(gateway.app, alice);
    await stream.waitForEvents(1);
    expect(stream.events.map((event) => event.id)).toEqual([live.seq]);
    await stream.close();
  });

  it('tells a client to reload when the history after its Last-Event-ID is gone, then goes on live', async () => {
    const alice = randomUUID();
    const { seq } = await publishTodoEvent(gateway.app, alice);
    await gateway.app.bus.jsm.streams.purge(gateway.app.bus.names.stream('todos'));
    for (const lastEventId of [seq - 1, seq + 1_000]) {
      const stream = await streamFor(alice, lastEventId);
      await stream.waitForComment('reset');
      const live = await publishTodoEvent(gateway.app, alice);
      await stream.waitForEvents(1);
      expect(stream.events.map((event) => event.id)).toEqual([live.seq]);
      await stream.close();
    }
  });

  it('property: over random users and event sequences, each stream gets exactly its user’s events, live and on replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 11 }),
        async (authors, cut) => {
          const users = [randomUUID(), randomUUID(), randomUUID()];
          const streams = await Promise.all(users.map((user) => streamFor(user)));
          const expected = new Map<string, number[]>(users.map((user) => [user, []]));
          let replayFrom = 0;
          for (const [index, author] of authors.entries()) {
            const user = users[author] as string;
            const { seq } = await publishTodoEvent(gateway.app, user);
            expected.get(user)?.push(seq);
            if (index === Math.min(cut, authors.length - 1)) replayFrom = seq;
          }
          for (const [index, user] of users.entries()) {
            const stream = streams[index] as EventStream;
            const mine = expected.get(user) ?? [];
            await stream.waitForEvents(mine.length);
            expect(stream.events.map((event) => event.id)).toEqual(mine);
            const replay = await streamFor(user, replayFrom);
            const missed = mine.filter((seq) => seq > replayFrom);
            await replay.waitForEvents(missed.length);
            expect(replay.events.map((event) => event.id)).toEqual(missed);
            expect(replay.events.every((event) => event.data.userid === user)).toBe(true);
            await replay.close();
          }
          await Promise.all(streams.map((stream) => stream.close()));
        },
      ),
      { numRuns: 10 },
    );
  });

  it('sends a heartbeat comment', async () => {
    const stream = await streamFor(randomUUID());
    await stream.waitForComment('heartbeat', 3_000);
    await stream.close();
  });

  it('ends the stream when the access token expires', async () => {
    const token = await gateway.issuer.sign(randomUUID(), { expiresInSeconds: 2 });
    const stream = await openEventStream(`${baseUrl}/api/events`, { authorization: `Bearer ${token}` });
    await stream.waitForEnd(5_000);
    expect(stream.comments.some((comment) => comment.includes('token-expired'))).toBe(true);
  });

  it('cuts off a client that does not read, keeping gateway memory bounded', async () => {
    const openStreams = () => gateway.app.liveFeed.openStreams;
    await waitUntil(() => openStreams() === 0);
    const alice = randomUUID();
    const token = await gateway.issuer.sign(alice);
    const socket = connect(Number(new URL(baseUrl).port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    // It never reads: the kernel's socket buffers fill, then the gateway's own, up to the cap.
    socket.pause();
    const closedByServer = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await waitUntil(() => openStreams() === 1);
    let published = 0;
    while (openStreams() === 1 && published < 2_000) {
      await publishTodoEvent(gateway.app, alice, 16_000);
      published++;
    }
    // The shared feed may still be catching up with what was published: give it time to deliver.
    await waitUntil(() => openStreams() === 0, 15_000);
    // Cut off after a bounded amount: kernel buffers (a few MB on loopback) plus our 64 KiB cap.
    expect(published * 16_000).toBeLessThan(40_000_000);
    socket.destroy();
    await closedByServer;
  });

  it('on shutdown, ends every stream with a reason and a retry hint so browsers come back', async () => {
    const stream = await streamFor(randomUUID());
    const closing = gateway.app.close();
    await stream.waitForEnd(5_000);
    await closing;
    expect(stream.comments.some((comment) => comment.includes('server-restarting'))).toBe(true);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000) {
  for (const deadline = Date.now() + timeoutMs; !condition();) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
