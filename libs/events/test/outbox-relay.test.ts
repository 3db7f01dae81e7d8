import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { inTransaction } from '@todo-bus/db';
import type { CloudEvent } from '../src/index.ts';
import { enqueueEvent } from '../src/outbox/enqueue.ts';
import { OutboxRelay } from '../src/outbox/relay.ts';
import { sampleTodoCreated } from '../src/testing.ts';
import { commitTodoEvents, openHarness, readStream, silentLogger, type EventsHarness } from './harness.ts';

let harness: EventsHarness;
beforeAll(async () => {
  harness = await openHarness();
});
afterAll(() => harness.close());

const relay = (options: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}) =>
  new OutboxRelay({ orm: harness.orm, js: harness.js, logger: silentLogger, ...options });

async function unpublishedCount(): Promise<number> {
  const [row] = await harness.orm.em
    .getConnection()
    .execute<{ count: string }[]>('select count(*) as count from outbox_message where published_at is null');
  return Number(row?.count);
}

describe('outbox relay', () => {
  it('publishes committed events in order with Nats-Msg-Id = event id, then marks them', async () => {
    const userId = randomUUID();
    const events = await commitTodoEvents(harness, userId, 3);
    expect(await relay().publishPending()).toBe(3);
    const stored = (await readStream(harness, harness.names.stream('todos'))).filter((message) =>
      message.subject.includes(userId),
    );
    expect(stored.map((message) => message.header.get('Nats-Msg-Id'))).toEqual(
      events.map((event) => event.id),
    );
    expect(stored.map((message) => message.json<CloudEvent>().id)).toEqual(events.map((event) => event.id));
    expect(stored[0]?.subject).toBe(harness.names.subject('todos', userId, 'todo.created'));
    expect(await unpublishedCount()).toBe(0);
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const userId = randomUUID();
    const event = sampleTodoCreated(userId, { title: 'never' });
    await expect(
      inTransaction(harness.orm.em, async (em) => {
        enqueueEvent(em, harness.names, event);
        await em.flush();
        throw new Error('business rule failed after the write');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await relay().publishPending()).toBe(0);
  });

  it('publishes a row once even when the relay dies between publish and mark', async () => {
    const userId = randomUUID();
    const [event] = await commitTodoEvents(harness, userId, 1);
    const crashing = relay({
      leaseMs: 200,
      beforeMark: async () => {
        throw new Error('killed between PubAck and mark');
      },
    });
    await expect(crashing.publishPending()).rejects.toThrow('killed');
    expect(await unpublishedCount()).toBe(1);
    // The claim still holds: a second relay must not take the row yet.
    expect(await relay().publishPending()).toBe(0);
    await sleep(250);
    expect(await relay().publishPending()).toBe(1);
    const stored = (await readStream(harness, harness.names.stream('todos'))).filter((message) =>
      message.subject.includes(userId),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.header.get('Nats-Msg-Id')).toBe(event?.id);
    expect(await unpublishedCount()).toBe(0);
  });

  it('lets concurrent relays share the work without publishing a row twice', async () => {
    const userId = randomUUID();
    await commitTodoEvents(harness, userId, 40);
    const publishedIds: string[] = [];
    const countingJs = new Proxy(harness.js, {
      get(target, property, receiver) {
        if (property !== 'publish') return Reflect.get(target, property, receiver) as unknown;
        return (subject: string, payload: string, options: { msgID: string }) => {
          publishedIds.push(options.msgID);
          return target.publish(subject, payload, options);
        };
      },
    });
    const relays = Array.from({ length: 4 }, () => relay({ js: countingJs, batchSize: 5 }));
    let rounds = 0;
    while ((await unpublishedCount()) > 0 && rounds++ < 50) {
      await Promise.all(relays.map((each) => each.publishPending()));
    }
    expect(publishedIds).toHaveLength(40);
    expect(new Set(publishedIds).size).toBe(40);
  });

  it('claims past rows another relay is still claiming, instead of waiting for them (SKIP LOCKED)', async () => {
    await relay().publishPending();
    const userId = randomUUID();
    const events = await commitTodoEvents(harness, userId, 10);
    const pool = await harness.orm.em.getConnection().getNativeClient();
    const holder = await pool.connect();
    try {
      // Another relay in the middle of claiming the five oldest rows: it holds their row locks.
      await holder.query('begin');
      await holder.query(
        'select id from outbox_message where published_at is null order by created_at, id limit 5 for update',
      );
      const claimed: string[] = [];
      const published = await Promise.race([
        relay({ beforeMark: async (ids) => void claimed.push(...ids) }).publishPending(),
        sleep(3_000).then(() => 'blocked' as const),
      ]);
      expect(published).toBe(5);
      expect(claimed.sort()).toEqual(
        events
          .slice(5)
          .map((event) => event.id)
          .sort(),
      );
    } finally {
      await holder.query('rollback');
      holder.release();
    }
  });

  it('lets 4 relays claim disjoint batches at the same time, publishing every row once', async () => {
    await relay().publishPending();
    const events = await commitTodoEvents(harness, randomUUID(), 40);
    const batches: string[][] = [];
    const relays = Array.from({ length: 4 }, () =>
      relay({ batchSize: 10, beforeMark: async (ids) => void batches.push(ids) }),
    );
    const counts = await Promise.all(relays.map((each) => each.publishPending()));
    expect(counts).toEqual([10, 10, 10, 10]);
    const everyId = batches.flat();
    expect(new Set(everyId).size).toBe(40);
    expect(everyId.sort()).toEqual(events.map((event) => event.id).sort());
  });

  it('delivers what it could not publish within seconds of NATS coming back, not after its 30 s lease', async () => {
    let natsAnswers = false;
    let refused = 0;
    const flakyJs = new Proxy(harness.js, {
      get(target, property, receiver) {
        if (property !== 'publish') return Reflect.get(target, property, receiver) as unknown;
        return (subject: string, payload: string, options: { msgID: string }) => {
          if (natsAnswers) return target.publish(subject, payload, options);
          refused++;
          return Promise.reject(new Error('503 no responders available'));
        };
      },
    });
    const running = relay({ js: flakyJs, pollIntervalMs: 200, leaseMs: 30_000 });
    const userId = randomUUID();
    await commitTodoEvents(harness, userId, 3);
    running.start();
    running.poke();
    for (let waited = 0; refused < 3 && waited < 5_000; waited += 20) await sleep(20);
    expect(refused).toBeGreaterThanOrEqual(3);
    natsAnswers = true;
    const back = Date.now();
    for (let waited = 0; (await unpublishedCount()) > 0 && waited < 10_000; waited += 50) await sleep(50);
    const deliveredAfterMs = Date.now() - back;
    await running.stop();
    expect(await unpublishedCount()).toBe(0);
    expect(deliveredAfterMs).toBeLessThan(3_000);
    const stored = (await readStream(harness, harness.names.stream('todos'))).filter((message) =>
      message.subject.includes(userId),
    );
    expect(stored).toHaveLength(3);
  });

  it('publishes soon after a poke, and stops cleanly', async () => {
    const running = relay({ pollIntervalMs: 60_000 });
    running.start();
    const userId = randomUUID();
    await commitTodoEvents(harness, userId, 2);
    running.poke();
    for (let waited = 0; (await unpublishedCount()) > 0 && waited < 2_000; waited += 20) await sleep(20);
    expect(await unpublishedCount()).toBe(0);
    await running.stop();
  });
});
