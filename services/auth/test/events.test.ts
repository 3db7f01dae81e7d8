import type { CloudEvent } from '@todo-bus/events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authApi, uniqueEmail, type SessionBody } from './api.ts';
import { startAuth, type AuthUnderTest } from './harness.ts';

let auth: AuthUnderTest;
let api: ReturnType<typeof authApi>;
let crashes = 0;

beforeAll(async () => {
  auth = await startAuth({
    env: { RATE_LIMIT_PER_IP: '1000' },
    deps: {
      relay: {
        leaseMs: 300,
        pollIntervalMs: 100,
        // The first pass dies after the PubAcks and before marking: the rows must be republished, and deduplicated.
        beforeMark: async (ids) => {
          if (ids.length > 0 && crashes++ === 0) throw new Error('relay killed between publish and mark');
        },
      },
    },
  });
  api = authApi(auth.app);
});
afterAll(() => auth?.close());

async function waitUntilOutboxDrained() {
  const connection = auth.app.orm.em.getConnection();
  for (let waited = 0; waited < 5_000; waited += 50) {
    const [row] = await connection.execute<{ pending: string }[]>(
      'select count(*) as pending from outbox_message where published_at is null',
    );
    if (Number(row?.pending) === 0) return;
    await sleep(50);
  }
  throw new Error('outbox not drained within 5 s');
}

async function eventsOf(userId: string): Promise<CloudEvent[]> {
  const stream = auth.app.bus.names.stream('auth');
  const info = await auth.app.bus.jsm.streams.info(stream);
  const events: CloudEvent[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const message = await auth.app.bus.jsm.streams.getMessage(stream, { seq });
    if (
      message?.subject.startsWith(
        auth.app.bus.names.subject('auth', userId, 'user.registered').replace(/user\.registered$/, ''),
      )
    ) {
      events.push(message.json<CloudEvent>());
    }
  }
  return events;
}

describe('auth events', () => {
  it('publishes user.registered and user.deleted exactly once each, even when the relay dies mid-way', async () => {
    const session = (await api.register(uniqueEmail(), 'correct horse battery')).json<SessionBody>();
    expect((await api.deleteMe(session.accessToken, 'correct horse battery')).statusCode).toBe(204);
    await waitUntilOutboxDrained();
    expect(crashes).toBeGreaterThan(0);

    const events = await eventsOf(session.user.id);
    expect(events.map((event) => event.type)).toEqual(['user.registered', 'user.deleted']);
    expect(events[0]).toMatchObject({
      specversion: '1.0',
      source: '/services/auth',
      subject: session.user.id,
      userid: session.user.id,
      data: { id: session.user.id, email: session.user.email },
    });
    expect(events[1]?.data).toEqual({ id: session.user.id });
    expect(JSON.stringify(events)).not.toContain('password');
  });
});
