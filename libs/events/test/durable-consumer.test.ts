import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Msg } from '@nats-io/transport-node';
import {
  applyOnce,
  createEvent,
  createUnitOfWork,
  DurableConsumer,
  processedEvents,
  type CloudEvent,
} from '../src/index.ts';
import { openHarness, silentLogger, type EventsHarness } from './harness.ts';

let harness: EventsHarness;
beforeAll(async () => {
  harness = await openHarness();
  await harness.orm.em
    .getConnection()
    .execute('create table purge_log (id uuid primary key default gen_random_uuid(), user_id uuid not null)');
});
afterAll(() => harness.close());

function userDeleted(userId: string) {
  return createEvent({
    type: 'user.deleted',
    source: '/services/auth',
    subject: userId,
    userId,
    data: { id: userId },
  });
}

async function publish(event: CloudEvent | string, subjectUserId: string) {
  const subject = harness.names.subject('auth', subjectUserId, 'user.deleted');
  await harness.js.publish(subject, typeof event === 'string' ? event : JSON.stringify(event));
}

/** Resolves with the first dead letter published for `durable`. */
function nextDeadLetter(durable: string): Promise<Msg> {
  const subscription = harness.connection.subscribe(harness.names.deadLetterSubject(durable), { max: 1 });
  return (async () => {
    for await (const message of subscription) return message;
    throw new Error('dead-letter subscription closed');
  })();
}

function consumer(durable: string, userId: string, handle: (event: CloudEvent) => Promise<void>, extra = {}) {
  return new DurableConsumer({
    js: harness.js,
    jsm: harness.jsm,
    logger: silentLogger,
    stream: harness.names.stream('auth'),
    durable,
    filterSubject: harness.names.domainFilter('auth', userId),
    deadLetterSubject: harness.names.deadLetterSubject(durable),
    handle,
    ...extra,
  });
}

describe('durable consumer', () => {
  it('redelivers a failing handler with backoff, then dead-letters it after the limit', async () => {
    const userId = randomUUID();
    const deliveries: number[] = [];
    const failing = consumer(
      'failing',
      userId,
      async () => {
        deliveries.push(performance.now());
        throw new Error('downstream unavailable');
      },
      { maxDeliver: 3, backoffMs: [150, 300] },
    );
    const deadLetter = nextDeadLetter('failing');
    await failing.start();
    await publish(userDeleted(userId), userId);
    const parked = await deadLetter;
    await failing.stop();

    expect(deliveries).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = deliveries;
    expect(second - first).toBeGreaterThanOrEqual(140);
    expect(third - second).toBeGreaterThanOrEqual(290);
    expect(parked.headers?.get('Dead-Letter-Reason')).toBe('downstream unavailable');
    expect(parked.headers?.get('Delivery-Count')).toBe('3');
    expect(parked.json<CloudEvent>().subject).toBe(userId);
  });

  it('dead-letters a message that is not a valid event at once', async () => {
    const userId = randomUUID();
    let handled = 0;
    const strict = consumer('strict', userId, async () => {
      handled++;
    });
    const deadLetter = nextDeadLetter('strict');
    await strict.start();
    await publish('{"this is": "not a cloud event"}', userId);
    const parked = await deadLetter;
    await strict.stop();
    expect(handled).toBe(0);
    expect(parked.headers?.get('Dead-Letter-Reason')).toMatch(/not a CloudEvent/);
    expect(parked.headers?.get('Delivery-Count')).toBe('1');
  });

  it('applies a replayed event once', async () => {
    const userId = randomUUID();
    const event = userDeleted(userId);
    let handled = 0;
    let applied = 0;
    const bothHandled = Promise.withResolvers<void>();
    const purge = createUnitOfWork({
      em: harness.orm.em,
      names: harness.names,
      scope: (em) => ({ em, processedEvents: processedEvents(em) }),
    });
    const idempotent = consumer('purger', userId, async (received) => {
      const didApply = await applyOnce(
        purge,
        { consumer: 'purger', eventId: received.id },
        async ({ em }) => {
          await em.execute('insert into purge_log (user_id) values (?)', [userId]);
        },
      );
      if (didApply) applied++;
      if (++handled === 2) bothHandled.resolve();
    });
    await idempotent.start();
    // The same event twice, as a redelivery or a producer retry outside the dedupe window would bring it.
    await publish(event, userId);
    await publish(event, userId);
    await bothHandled.promise;
    await idempotent.stop();
    const rows = await harness.orm.em
      .getConnection()
      .execute<{ count: string }[]>('select count(*) as count from purge_log where user_id = ?', [userId]);
    expect(applied).toBe(1);
    expect(Number(rows[0]?.count)).toBe(1);
  });
});
