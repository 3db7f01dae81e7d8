import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { EventLogger } from '../logger.ts';
import { consumerMetrics, type ConsumerMetrics } from '../metrics.ts';
import { SpanKind, withSpan } from '@todo-bus/telemetry';
import type { Registry } from 'prom-client';
import { cloudEventSchema, type CloudEvent } from '../cloudevent.ts';
import { eventCatalog, isEventType } from '../catalog.ts';

export interface DurableConsumerOptions {
  js: JetStreamClient;
  jsm: JetStreamManager;
  logger: EventLogger;
  /** Where to count outcomes, redeliveries and backlog (the app's /metrics registry). */
  metrics?: Registry;
  stream: string;
  /** Durable name: shared by every replica of the consuming service, which then share the work. */
  durable: string;
  filterSubject: string;
  deadLetterSubject: string;
  /** Deliveries before a failing message is dead-lettered. */
  maxDeliver?: number;
  /** Delay before redelivery, by attempt (the last one repeats). */
  backoffMs?: number[];
  handle: (event: CloudEvent, message: JsMsg) => Promise<void>;
}

/** How long a delivery may stay unacknowledged (a crashed handler) before it is redelivered. */
const ackWaitMs = 30_000;

class PoisonMessage extends Error {}

function parseEvent(message: JsMsg): CloudEvent {
  let json: unknown;
  try {
    json = message.json();
  } catch {
    throw new PoisonMessage('payload is not JSON');
  }
  const envelope = cloudEventSchema.safeParse(json);
  if (!envelope.success) throw new PoisonMessage(`not a CloudEvent: ${envelope.error.issues[0]?.message}`);
  const event = envelope.data as CloudEvent;
  if (isEventType(event.type) && !eventCatalog[event.type].data.safeParse(event.data).success) {
    throw new PoisonMessage(`data does not match the ${event.type} schema`);
  }
  return event;
}

/**
 * A durable JetStream consumer with explicit acks: a handler error naks with backoff; after `maxDeliver`
 * attempts, or at once for a message that can never succeed (not a valid event), the message goes to the
 * dead-letter subject with the reason, and is terminated. Messages are handled one at a time per process.
 */
export class DurableConsumer {
  readonly #options: Required<Omit<DurableConsumerOptions, 'metrics'>>;
  readonly #metrics: ConsumerMetrics | undefined;
  #messages: ConsumerMessages | undefined;
  #loop: Promise<void> | undefined;

  constructor({ metrics, ...options }: DurableConsumerOptions) {
    this.#options = { maxDeliver: 5, backoffMs: [1_000, 5_000, 30_000], ...options };
    this.#metrics =
      metrics &&
      consumerMetrics(metrics, options.durable, async () => {
        const info = await options.jsm.consumers.info(options.stream, options.durable);
        return info.num_pending + info.num_ack_pending;
      });
  }

  async start(): Promise<void> {
    const { jsm, js, stream, durable, filterSubject, maxDeliver } = this.#options;
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filterSubject,
      // One spare delivery: a handler that crashed (no ack) on the last attempt still reaches the dead letter.
      max_deliver: maxDeliver + 1,
      ack_wait: ackWaitMs * 1_000_000,
    };
    try {
      await jsm.consumers.add(stream, config);
    } catch (error) {
      if (!/already (exists|in use)/i.test(String(error))) throw error;
      await jsm.consumers.update(stream, durable, config);
    }
    const consumer = await js.consumers.get(stream, durable);
    this.#messages = await consumer.consume({ max_messages: 32 });
    this.#loop = this.#run(this.#messages);
  }

  async stop(): Promise<void> {
    await this.#messages?.close();
    await this.#loop;
  }

  async #run(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      await this.#process(message);
    }
  }

  async #process(message: JsMsg): Promise<void> {
    const { logger, handle, maxDeliver, backoffMs, durable } = this.#options;
    const attempt = message.info.deliveryCount;
    if (attempt > 1) this.#metrics?.redelivered();
    const parent = {
      traceparent: message.headers?.get('traceparent') ?? '',
      tracestate: message.headers?.get('tracestate') ?? '',
    };
    try {
      // A consumer span continues the trace the producer started (relay → NATS header → here).
      await withSpan(
        `process ${message.subject}`,
        { kind: SpanKind.CONSUMER, parent, attributes: { 'messaging.consumer.group.name': durable } },
        () => handle(parseEvent(message), message),
      );
      message.ack();
      this.#metrics?.handled('acked');
    } catch (error) {
      const poison = error instanceof PoisonMessage;
      if (poison || attempt >= maxDeliver) {
        await this.#deadLetter(message, error);
        this.#metrics?.handled('dead_lettered');
        return;
      }
      this.#metrics?.handled('retried');
      const delay = backoffMs[Math.min(attempt - 1, backoffMs.length - 1)] ?? 1_000;
      logger.warn(
        { err: error, subject: message.subject, attempt, retryInMs: delay },
        'event handler failed',
      );
      message.nak(delay);
    }
  }

  async #deadLetter(message: JsMsg, error: unknown): Promise<void> {
    const { js, logger, deadLetterSubject, durable } = this.#options;
    const reason = error instanceof Error ? error.message : String(error);
    const headers = natsHeaders();
    headers.set('Dead-Letter-Reason', reason.slice(0, 500));
    headers.set('Dead-Letter-Consumer', durable);
    headers.set('Original-Subject', message.subject);
    headers.set('Original-Stream-Sequence', String(message.info.streamSequence));
    headers.set('Delivery-Count', String(message.info.deliveryCount));
    try {
      await js.publish(deadLetterSubject, message.data, { headers });
      message.term(reason.slice(0, 200));
      logger.error(
        { subject: message.subject, reason, attempts: message.info.deliveryCount },
        'event dead-lettered',
      );
    } catch (publishError) {
      // Could not park it: leave it to be redelivered rather than lose it.
      logger.error({ err: publishError }, 'dead-letter publish failed');
      message.nak(this.#options.backoffMs.at(-1));
    }
  }
}
