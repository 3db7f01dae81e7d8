// The consuming side of `npm run events -- tail`: one consumer per stream read, either ephemeral (ordered,
// deleted on stop) or durable (DurableConsumer from @todo-bus/events, kept on the server).
import {
  DeliverPolicy,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type OrderedConsumerOptions,
} from '@nats-io/jetstream';
import { DurableConsumer, type BusNames, type DurableConsumerOptions } from '@todo-bus/events';
import { readMessage, type TailedMessage } from './format.ts';
import { filterSubject, type StartAt, type TailCommand } from './options.ts';

export interface TailDeps {
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: BusNames;
  logger: DurableConsumerOptions['logger'];
  /** Called once per message, in stream order per stream; a throw is a failed delivery (durable mode). */
  print: (message: TailedMessage) => void;
}

export interface RunningTail {
  /** What is being read, for the ready line: `TODO_EVENTS (todos.events.>)`. */
  sources: string[];
  stop(): Promise<void>;
}

export class StreamMissingError extends Error {}

const toMessage = (message: JsMsg) =>
  readMessage(message.info.stream, message.info.streamSequence, message.subject, message.string());

function deliverFrom(start: StartAt): Partial<OrderedConsumerOptions> {
  switch (start.from) {
    case 'new':
      return { deliver_policy: DeliverPolicy.New };
    case 'sequence':
      return { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start.sequence };
    case 'time':
      return { opt_start_time: start.time.toISOString() };
  }
}

/** Ordered consumers see every message once, in order, without acks; this one is gone when we stop. */
async function ephemeral(deps: TailDeps, stream: string, filter: string, start: StartAt) {
  const consumer = await deps.js.consumers.get(stream, { filter_subjects: filter, ...deliverFrom(start) });
  const messages: ConsumerMessages = await consumer.consume();
  const loop = (async () => {
    for await (const message of messages) {
      try {
        deps.print(toMessage(message));
      } catch (error) {
        deps.logger.warn({ err: error, subject: message.subject }, 'could not print an event');
      }
    }
  })();
  return async () => {
    await messages.close();
    await loop;
    // The server would drop it after its inactivity threshold; there is no reason to leave it until then.
    await consumer.delete().catch(() => false);
  };
}

/**
 * A production-shaped consumer: DurableConsumer acks after `handle` returns, naks with backoff when it
 * throws, and dead-letters after the last attempt or at once for a payload that is not an event.
 */
async function durable(deps: TailDeps, stream: string, filter: string, name: string) {
  const consumer = new DurableConsumer({
    js: deps.js,
    jsm: deps.jsm,
    logger: deps.logger,
    stream,
    durable: name,
    filterSubject: filter,
    deadLetterSubject: deps.names.deadLetterSubject(name),
    maxDeliver: 3,
    backoffMs: [1_000, 5_000],
    handle: async (_event, message) => deps.print(toMessage(message)),
  });
  await consumer.start();
  return () => consumer.stop();
}

export async function startTail(deps: TailDeps, command: TailCommand): Promise<RunningTail> {
  const stops: (() => Promise<void>)[] = [];
  const sources: string[] = [];
  const stop = async () => {
    await Promise.all(stops.map((stopOne) => stopOne()));
  };
  try {
    for (const domain of command.domains) {
      const stream = deps.names.stream(domain);
      await deps.jsm.streams.info(stream).catch((error: unknown) => {
        throw /stream not found/i.test(String(error)) ? new StreamMissingError(stream) : error;
      });
      const filter = filterSubject(deps.names, domain, command);
      stops.push(
        command.durable
          ? await durable(deps, stream, filter, command.durable)
          : await ephemeral(deps, stream, filter, command.start),
      );
      sources.push(`${stream} (${filter})`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { sources, stop };
}

/** `forget`: deletes a durable consumer from every stream it reads; returns the streams it was on. */
export async function forgetDurable(jsm: JetStreamManager, names: BusNames, name: string): Promise<string[]> {
  const removed: string[] = [];
  for (const stream of [names.stream('auth'), names.stream('todos')]) {
    const deleted = await jsm.consumers.delete(stream, name).catch((error: unknown) => {
      if (/(consumer|stream) not found/i.test(String(error))) return false;
      throw error;
    });
    if (deleted) removed.push(stream);
  }
  return removed;
}
