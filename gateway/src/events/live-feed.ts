import { DeliverPolicy, type ConsumerMessages, type JetStreamClient } from '@nats-io/jetstream';
import type { BusNames } from '@todo-bus/events';
import type { FastifyBaseLogger } from 'fastify';
import { SpanKind, withSpan } from '@todo-bus/telemetry';
import { toSseEvent, type SseEvent } from './sse-event.ts';

type Listener = (event: SseEvent) => void;

/**
 * One ordered JetStream consumer per gateway process for every user's todo events, fanned out in memory
 * to the open streams of the user named in the subject. Ten thousand browsers cost ten thousand Map
 * entries, not ten thousand consumers. The ordered consumer recovers from NATS restarts without a gap.
 */
export class LiveFeed {
  readonly #js: JetStreamClient;
  readonly #names: BusNames;
  readonly #log: FastifyBaseLogger;
  readonly #listeners = new Map<string, Set<Listener>>();
  #messages: ConsumerMessages | undefined;
  #loop: Promise<void> | undefined;
  /** The stream sequence of the last event seen: replays end here and live delivery takes over. */
  lastSeq = 0;

  constructor(js: JetStreamClient, names: BusNames, log: FastifyBaseLogger) {
    this.#js = js;
    this.#names = names;
    this.#log = log;
  }

  async start(): Promise<void> {
    const consumer = await this.#js.consumers.get(this.#names.stream('todos'), {
      filter_subjects: this.#names.domainFilter('todos'),
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

  get openStreams(): number {
    let count = 0;
    for (const listeners of this.#listeners.values()) count += listeners.size;
    return count;
  }

  async #run(messages: ConsumerMessages): Promise<void> {
    const userToken = this.#names.namespace ? 3 : 2;
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
