import {
  applyOnce,
  DurableConsumer,
  eventCatalog,
  type ProcessedEvents,
  type UnitOfWork,
} from '@todo-bus/events';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type {} from '@todo-bus/telemetry'; // brings the app.metrics decorator's type
import { deleteTodosIn, type TodoWork } from '../todos/todo.service.ts';

/** Shared by every replica of the todos service, which then share the work. */
export const userDeletedDurable = 'todos-user-deleted';

export interface UserDeletedConsumerOptions {
  transaction: UnitOfWork<TodoWork & { processedEvents: ProcessedEvents }>;
  clock: () => Date;
}

/**
 * When auth deletes a user, their todos go too, each with its `todo.deleted` event (so open tabs and other
 * consumers see them leave). The purge and the record that this event was applied commit together, so a
 * redelivered or republished event purges nothing twice.
 */
async function userDeletedConsumer(app: FastifyInstance, { transaction, clock }: UserDeletedConsumerOptions) {
  const { names, js, jsm } = app.bus;
  const logger = app.log.child({ component: userDeletedDurable });
  const consumer = new DurableConsumer({
    js,
    jsm,
    logger,
    metrics: app.metrics,
    stream: names.stream('auth'),
    durable: userDeletedDurable,
    filterSubject: names.domainFilter('auth'),
    deadLetterSubject: names.deadLetterSubject(userDeletedDurable),
    async handle(event) {
      // Other auth events are none of our business: returning acknowledges them.
      if (event.type !== 'user.deleted') return;
      const { id: userId } = eventCatalog['user.deleted'].data.parse(event.data);
      let purged = 0;
      const applied = await applyOnce(
        transaction,
        { consumer: userDeletedDurable, eventId: event.id },
        async (tx) => {
          purged = await deleteTodosIn(tx, userId, {}, clock());
        },
      );
      if (applied) logger.info({ userId, purged }, 'purged the todos of a deleted user');
    },
  });
  app.addHook('onReady', () => consumer.start());
  // Registered after db, nats and the relay, so it stops before they close.
  app.addHook('onClose', () => consumer.stop());
}

export const userDeletedConsumerPlugin = fp(userDeletedConsumer, {
  name: 'user-deleted-consumer',
  dependencies: ['db', 'nats', 'outbox-relay'],
});
