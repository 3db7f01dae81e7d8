import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import type { Bus } from '@todo-bus/events';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SpanKind, withSpan } from '@todo-bus/telemetry';
import { replayAfter } from './replay.ts';
import { toSseEvent, type SseEvent } from './sse-event.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared consumer behind every open SSE stream (its stream count feeds metrics and tests). */
    liveFeed: LiveFeed;
  }
}

type Listener = (event: SseEvent) => void;

/**
 * One ordered JetStream consumer per gateway process for every user's todo events, fanned out in memory
 * to the open streams of the user named in the subject. Ten thousand browsers cost ten thousand Map
 * entries, not ten thousand consumers. The ordered consumer recovers from NATS restarts without a gap.
 */
export class LiveFeed {
  readonly #bus: Pick<Bus, 'js' | 'jsm' | 'names'>;
  readonly #log: FastifyBaseLogger;
  readonly #listeners = new Map<string, Set<Listener>>();
  #messages: ConsumerMessages | undefined;
  #loop: Promise<void> | undefined;
  /** The stream sequence of the last event seen: replays end here and live delivery takes over. */
  lastSeq = 0;

  constructor(bus: Pick<Bus, 'js' | 'jsm' | 'names'>, log: FastifyBaseLogger) {
    this.#bus = bus;
    this.#log = log;
  }

  async start(): Promise<void> {
    const { js, names } = this.#bus;
    const consumer = await js.consumers.get(names.stream('todos'), {
      filter_subjects: names.domainFilter('todos'),
      deliver_policy: DeliverPolicy.New,
    });
    this.#messages = await consumer.consume();
    this.#loop = this.#run(this.#messages);
  }

  async stop(): Promise<void> {
    await this.#messages?.close();
    await this.#loop;
  }

  subscribe(userId: string, listener: Listener): () => void {
    let listeners = this.#listeners.get(userId);
    if (!listeners) this.#listeners.set(userId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#listeners.delete(userId);
    };
  }

  /** The sequences the stream holds now: a replay after an id outside them cannot be complete. */
  async bounds(): Promise<{ first: number; last: number }> {
    const { state } = await this.#bus.jsm.streams.info(this.#bus.names.stream('todos'));
    return { first: state.first_seq, last: state.last_seq };
  }

  /** One user's stored events after `afterSeq`, oldest first. */
  replay(userId: string, afterSeq: number): AsyncIterable<SseEvent> {
    const { js, names } = this.#bus;
    return replayAfter(js, names.stream('todos'), names.domainFilter('todos', userId), afterSeq);
  }

  get openStreams(): number {
    let count = 0;
    for (const listeners of this.#listeners.values()) count += listeners.size;
    return count;
  }

  async #run(messages: ConsumerMessages): Promise<void> {
    const userToken = this.#bus.names.namespace ? 3 : 2;
    for await (const message of messages) {
      this.lastSeq = message.info.streamSequence;
      const userId = message.subject.split('.')[userToken];
      const listeners = userId ? this.#listeners.get(userId) : undefined;
      if (!listeners) continue;
      const event = toSseEvent(message);
      const parent = { traceparent: message.headers?.get('traceparent') ?? '' };
      // The fan-out continues the trace that began with the browser's request that changed the todo.
      await withSpan(`consume ${message.subject}`, { kind: SpanKind.CONSUMER, parent }, () =>
        withSpan(
          'sse push',
          {
            kind: SpanKind.PRODUCER,
            attributes: { 'sse.streams': listeners.size, 'sse.event_id': event.seq },
          },
          () => {
            for (const listener of listeners) {
              try {
                listener(event);
              } catch (error) {
                this.#log.warn({ err: error }, 'SSE listener failed');
              }
            }
          },
        ),
      );
    }
  }
}

async function liveFeed(app: FastifyInstance) {
  const feed = new LiveFeed(app.bus, app.log.child({ component: 'live-feed' }));
  app.decorate('liveFeed', feed);
  app.addHook('onReady', () => feed.start());
  app.addHook('onClose', () => feed.stop());
}

/** Runs the live feed for the app's lifetime. */
export const liveFeedPlugin = fp(liveFeed, { name: 'live-feed', dependencies: ['nats'] });
