import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { busNames } from '@todo-bus/events';

/**
 * A downstream service in miniature: a durable JetStream consumer of every `todo.created` event with
 * explicit acks, applying each event id once (as real consumers record processed ids) and counting, per
 * todo, the distinct events that described its creation.
 */
export class CreatedEventsConsumer {
  /** todo id → distinct event ids applied for it. */
  readonly applied = new Map<string, Set<string>>();
  deliveries = 0;
  /** Deliveries of an event id already applied (JetStream redelivers when an ack was lost). */
  redeliveries = 0;
  readonly #connection: NatsConnection;
  readonly #messages: ConsumerMessages;
  readonly #loop: Promise<void>;
  readonly #seen = new Set<string>();
  readonly #users: ReadonlySet<string>;

  private constructor(connection: NatsConnection, messages: ConsumerMessages, users: ReadonlySet<string>) {
    this.#connection = connection;
    this.#messages = messages;
    this.#users = users;
    this.#loop = this.#run();
  }

  /** Applies the events of `users` (acknowledging, and ignoring, everyone else's). */
  static async start(
    natsUrl: string,
    namespace: string,
    name: string,
    users: ReadonlySet<string>,
  ): Promise<CreatedEventsConsumer> {
    // Reconnects for ever: the test kills the server under it.
    const connection = await connect({ servers: natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    const names = busNames(namespace);
    const stream = names.stream('todos');
    const durable = `faults_${name}`;
    const manager = await jetstreamManager(connection);
    await manager.consumers.add(stream, {
      durable_name: durable,
      filter_subject: names.subject('todos', '*', 'todo.created'),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: 5_000_000_000,
    });
    const consumer = await jetstream(connection).consumers.get(stream, durable);
    return new CreatedEventsConsumer(connection, await consumer.consume({ max_messages: 200 }), users);
  }

  get appliedEvents(): number {
    return this.#seen.size;
  }

  async #run(): Promise<void> {
    for await (const message of this.#messages) {
      this.deliveries++;
      const event = message.json<{ id: string; type: string; subject: string; userid: string }>();
      if (!this.#users.has(event.userid)) {
        message.ack();
        continue;
      }
      if (this.#seen.has(event.id)) {
        this.redeliveries++;
      } else {
        this.#seen.add(event.id);
        let ids = this.applied.get(event.subject);
        if (!ids) this.applied.set(event.subject, (ids = new Set()));
        ids.add(event.id);
      }
      message.ack();
    }
  }

  async stop(): Promise<void> {
    await this.#messages.close();
    await this.#loop;
    await this.#connection.close();
  }
}
