// A 1,000-todo burst through the gateway while nats-server, PostgreSQL or the todos service is killed and
// restarted: afterwards every committed todo has exactly one todo.created event downstream, and every
// acknowledged create is committed. Own embedded PostgreSQL and nats-server: the machine's are never touched.
import { databaseUrlFor } from '@todo-bus/localinfra';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/http/api-client.ts';
import { LIFTED_LIMITS } from '../src/bench/bench-system.ts';
import { mapConcurrent, registerUser } from '../src/http/users.ts';
import { createBurst } from './support/burst.ts';
import { CreatedEventsConsumer } from './support/downstream.ts';
import { report, startFaultSystem, type FaultSystem } from './support/fault-system.ts';

const BURST = Number(process.env.FAULT_BURST ?? 1_000);
const RATE = 150;
/** The fault strikes once this many creates are on their way. */
const STRIKE_AT = Math.floor(BURST * 0.3);
const DOWN_MS = 2_000;
const USERS = 10;
/** Rows a killed todos process had claimed wait for their 30 s lease before another relay takes them. */
const SETTLE_MS = 90_000;
/** Generous: about correctness (it comes back at all), not speed; the time it took is reported. */
const SERVING_AGAIN_MS = 60_000;
const PRESSURE = process.env.FAULTS_PRESSURE === '1' ? ' (one core busy)' : '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a burst of creates survives a crash of each part it depends on', () => {
  let running: FaultSystem;
  let api: ApiClient;
  let database: pg.Pool;

  beforeAll(async () => {
    // Per-IP limits lifted: the bursts all come from 127.0.0.1 (the security suite checks the limits).
    running = await startFaultSystem({ ownServers: true, env: LIFTED_LIMITS });
    api = new ApiClient(running.gateway);
    const { system } = running;
    database = new pg.Pool({
      connectionString: databaseUrlFor(system.databaseUrl, system.databases.todos),
      max: 2,
    });
    // A pool that outlives a PostgreSQL crash must not throw on its idle clients' errors.
    database.on('error', () => undefined);
    expect(system.servers.database, 'own embedded PostgreSQL').toBeDefined();
    expect(system.servers.nats, 'own nats-server').toBeDefined();
  });
  afterAll(async () => {
    await api?.close();
    await database?.end();
    await running?.stop();
  });

  const faults: [string, () => Promise<void>][] = [
    [
      'nats-server kill -9',
      async () => {
        const nats = running.system.servers.nats!;
        await nats.crash();
        await sleep(DOWN_MS);
        await nats.restart();
      },
    ],
    [
      'PostgreSQL pg_ctl stop -m immediate',
      async () => {
        const postgres = running.system.servers.database!;
        await postgres.crash();
        await sleep(DOWN_MS);
        await postgres.restart();
      },
    ],
    [
      'todos service kill -9',
      () => running.system.restartPart('todos', { signal: 'SIGKILL', downMs: DOWN_MS }),
    ],
  ];

  it.each(faults)('%s during the burst loses and duplicates nothing', async (name, strike) => {
    const users = await mapConcurrent(Array.from({ length: USERS }), 4, () => registerUser(api, 'burst'));
    const userIds = users.map((user) => user.id);
    const consumer = await CreatedEventsConsumer.start(
      running.system.natsUrl,
      running.system.natsNamespace,
      name.replace(/\W+/g, '_'),
      new Set(userIds),
    );
    try {
      let struck: Promise<void> | undefined;
      const started = Date.now();
      const burst = await createBurst(
        api,
        users.map((user) => user.accessToken),
        {
          count: BURST,
          ratePerSecond: RATE,
          onSent: (sent) => {
            if (sent === STRIKE_AT) struck = strike();
          },
        },
      );
      await struck;
      const recoveredAt = Date.now();
      // After the fault the system serves again: a create answers 201 (and is held to the same invariants).
      let servingAgainMs: number | undefined;
      for (const deadline = recoveredAt + SERVING_AGAIN_MS; Date.now() < deadline; await sleep(200)) {
        const probe = await api
          .request({
            method: 'POST',
            path: '/api/todos',
            token: users[0]?.accessToken,
            body: { title: 'after the fault' },
          })
          .catch(() => undefined);
        if (probe?.status !== 201) continue;
        burst.acknowledged.push((JSON.parse(probe.body) as { id: string }).id);
        servingAgainMs = Date.now() - recoveredAt;
        break;
      }

      const committedIds = async () => {
        const { rows } = await database.query<{ id: string }>('select id from todo where user_id = any($1)', [
          userIds,
        ]);
        return rows.map((row) => row.id);
      };
      const unpublished = async () => {
        const { rows } = await database.query<{ count: string }>(
          'select count(*) from outbox_message where published_at is null',
        );
        return Number(rows[0]?.count ?? 0);
      };
      // Settled: the outbox is empty (every committed event published, the killed relay's claims included)
      // and the consumer has applied an event for every committed todo.
      let committed: string[] = [];
      for (const deadline = Date.now() + SETTLE_MS; ; await sleep(250)) {
        const ready = await Promise.all([committedIds(), unpublished()]).catch(() => undefined);
        if (ready) {
          committed = ready[0];
          if (ready[1] === 0 && committed.every((id) => consumer.applied.has(id))) break;
        }
        if (Date.now() > deadline) break;
      }
      await sleep(1_000); // a late duplicate would arrive now
      const settledSeconds = (Date.now() - recoveredAt) / 1000;

      const committedSet = new Set(committed);
      const missingAcknowledged = burst.acknowledged.filter((id) => !committedSet.has(id));
      const withoutEvent = committed.filter((id) => !consumer.applied.has(id));
      const duplicated = committed.filter((id) => (consumer.applied.get(id)?.size ?? 0) > 1);
      const phantom = [...consumer.applied.keys()].filter((id) => !committedSet.has(id));
      const failures = [...burst.failures].map(([status, count]) => `${status}×${count}`).join(' ') || 'none';
      const burstSeconds = (recoveredAt - started) / 1000;
      report(
        `${name}${PRESSURE}: ${burst.sent} creates sent, ${burst.acknowledged.length} acknowledged (201), other answers ${failures}; ` +
          `${committed.length} committed; events expected ${committed.length}, applied ${consumer.appliedEvents}, ` +
          `duplicated ${duplicated.length}, missing ${withoutEvent.length}, for no todo ${phantom.length}; ` +
          `redelivered ${consumer.redeliveries}; acknowledged but not committed ${missingAcknowledged.length}; ` +
          `burst ${burstSeconds.toFixed(1)} s (${(burst.acknowledged.length / burstSeconds).toFixed(0)} acknowledged/s), ` +
          `serving again ${servingAgainMs === undefined ? 'never' : `${(servingAgainMs / 1000).toFixed(1)} s`} ` +
          `after the fault, settled ${settledSeconds.toFixed(1)} s later`,
      );
      expect(missingAcknowledged).toEqual([]);
      expect(withoutEvent).toEqual([]);
      expect(duplicated).toEqual([]);
      expect(phantom).toEqual([]);
      expect(consumer.appliedEvents).toBe(committed.length);
      // How much of the burst got through depends on the machine's load: a figure above, not a threshold.
      // That the system came back at all is an invariant.
      expect(servingAgainMs, `serving again within ${SERVING_AGAIN_MS / 1000} s`).toBeDefined();
    } finally {
      await consumer.stop();
    }
  });
});
