import type { MikroORM } from '@mikro-orm/postgresql';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import { withRetry } from '@todo-bus/db';
import type { EventLogger } from '../logger.ts';
import type { RelayMetrics } from '../metrics.ts';
import { SpanKind, traceHeaders, withSpan } from '@todo-bus/telemetry';
import type { CloudEvent } from '../cloudevent.ts';

export interface RelayOptions {
  orm: MikroORM;
  js: JetStreamClient;
  logger: EventLogger;
  metrics?: RelayMetrics;
  batchSize?: number;
  /** How often to look for rows this process was not told about (other replicas, crash leftovers). */
  pollIntervalMs?: number;
  /** How long a claim lasts; a relay that dies mid-batch releases its rows when it runs out. */
  leaseMs?: number;
  /** Test seam: runs after the PubAcks and before the rows are marked published. */
  beforeMark?: (ids: string[]) => Promise<void>;
}

interface ClaimedRow {
  id: string;
  subject: string;
  payload: CloudEvent | string;
  /** Raw queries return timestamps as text. */
  created_at: Date | string;
}

const millis = (value: Date | string) => new Date(value).getTime();

/** Published rows are kept this long for inspection, then deleted. */
const retentionMs = 60 * 60 * 1000;

/**
 * Publishes outbox rows to JetStream. Rows are claimed by status (unpublished, claim expired), published
 * with `Nats-Msg-Id` = event id, and marked published only after the PubAck. A crash between publish and
 * mark republishes the row later, and the stream's duplicate window drops the copy.
 */
export class OutboxRelay {
  readonly #options: Required<Omit<RelayOptions, 'beforeMark' | 'metrics'>> &
    Pick<RelayOptions, 'beforeMark' | 'metrics'>;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #pokedWhileBusy = false;
  #passes = 0;
  /**
   * Rows this relay claimed but could not publish or mark. Released at once rather than left claimed for the
   * whole lease, so the backlog goes out within a pass of NATS or the database coming back; kept here until
   * the release itself succeeds (it fails too while the database is away).
   */
  readonly #unfinished = new Set<string>();

  constructor(options: RelayOptions) {
    this.#options = {
      batchSize: 200,
      pollIntervalMs: 1_000,
      leaseMs: 30_000,
      ...options,
    };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** A transaction just committed outbox rows: publish now rather than at the next poll. */
  poke(): void {
    this.#pokedWhileBusy = true;
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }

  /** One claim → publish → mark pass; returns how many rows it published. Public for tests and tools. */
  async publishPending(): Promise<number> {
    await this.#releaseUnfinished();
    const rows = await this.#claim();
    if (rows.length === 0) return 0;
    // Ids are UUIDv7: within one millisecond they still sort in creation order.
    rows.sort((a, b) => millis(a.created_at) - millis(b.created_at) || a.id.localeCompare(b.id));
    // Publishes are pipelined on one connection, so the stream stores them in this order.
    const results = await Promise.allSettled(rows.map((row) => this.#publish(row)));
    const published = rows.filter((_, index) => results[index]?.status === 'fulfilled').map((row) => row.id);
    const failed = results.filter((result) => result.status === 'rejected');
    this.#options.metrics?.published(published.length);
    this.#options.metrics?.failed(failed.length);
    if (failed.length > 0) {
      this.#options.logger.warn(
        { err: (failed[0] as PromiseRejectedResult).reason, failed: failed.length },
        'outbox publish failed',
      );
    }
    for (const [index, row] of rows.entries()) {
      if (results[index]?.status === 'rejected') this.#unfinished.add(row.id);
    }
    await this.#options.beforeMark?.(published);
    try {
      await this.#mark(published);
    } catch (error) {
      // Published but not marked: a later pass publishes them again, and the duplicate window drops the copy.
      for (const id of published) this.#unfinished.add(id);
      throw error;
    } finally {
      await this.#releaseUnfinished().catch((error: unknown) =>
        this.#options.logger.warn({ err: error }, 'outbox claim release failed; retrying next pass'),
      );
    }
    return published.length;
  }

  async #releaseUnfinished(): Promise<void> {
    if (this.#unfinished.size === 0) return;
    const ids = [...this.#unfinished];
    await this.#options.orm.em.getConnection().execute(
      `update outbox_message set claimed_until = null
          where published_at is null and id in (${ids.map(() => '?').join(', ')})`,
      ids,
      'run',
    );
    for (const id of ids) this.#unfinished.delete(id);
  }

  async #run(): Promise<void> {
    const { logger, pollIntervalMs, batchSize } = this.#options;
    while (this.#running) {
      this.#pokedWhileBusy = false;
      let published = 0;
      try {
        published = await this.publishPending();
        if (++this.#passes % 100 === 0) await this.#purgePublished();
      } catch (error) {
        logger.error({ err: error }, 'outbox relay pass failed');
      }
      if (!this.#running || published >= batchSize || this.#pokedWhileBusy) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** SKIP LOCKED: replicas claiming at the same moment take disjoint batches instead of queueing on one. */
  #claim(): Promise<ClaimedRow[]> {
    const { orm, batchSize, leaseMs } = this.#options;
    return withRetry(() =>
      orm.em.getConnection().execute<ClaimedRow[]>(
        `update outbox_message
            set claimed_until = now() + ? * interval '1 millisecond', attempts = attempts + 1
          where id in (select id from outbox_message
                        where published_at is null and (claimed_until is null or claimed_until < now())
                        order by created_at, id
                        limit ?
                        for update skip locked)
        returning id, subject, payload, created_at`,
        [leaseMs, batchSize],
      ),
    );
  }

  #publish(row: ClaimedRow): Promise<void> {
    const event = typeof row.payload === 'string' ? (JSON.parse(row.payload) as CloudEvent) : row.payload;
    // The span continues the trace of the request that wrote the row; consumers continue it from the header.
    return withSpan(
      `publish ${row.subject}`,
      { kind: SpanKind.PRODUCER, parent: event, attributes: { 'messaging.message.id': row.id } },
      async () => {
        const headers = natsHeaders();
        headers.set('Content-Type', 'application/cloudevents+json');
        const trace = traceHeaders();
        if (trace.traceparent) headers.set('traceparent', trace.traceparent);
        if (trace.tracestate) headers.set('tracestate', trace.tracestate);
        await this.#options.js.publish(row.subject, JSON.stringify(event), { msgID: row.id, headers });
      },
    );
  }

  async #mark(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const placeholders = ids.map(() => '?').join(', ');
    await withRetry(() =>
      this.#options.orm.em
        .getConnection()
        .execute(
          `update outbox_message set published_at = now(), claimed_until = null where id in (${placeholders})`,
          ids,
          'run',
        ),
    );
  }

  async #purgePublished(): Promise<void> {
    await this.#options.orm.em.getConnection().execute(
      `delete from outbox_message where id in (select id from outbox_message
         where published_at < now() - ? * interval '1 millisecond' limit 1000)`,
      [retentionMs],
      'run',
    );
  }
}
