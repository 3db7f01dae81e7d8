/** The event contract (CloudEvents + catalog) and the machinery that moves events: outbox, relay, consumers. */
export { cloudEventSchema, newEventId, type CloudEvent } from './cloudevent.ts';
export {
  eventCatalog,
  createEvent,
  isEventType,
  dataSchemaUri,
  todoStateSchema,
  todoFieldSchema,
  type EventType,
  type EventDomain,
  type EventData,
  type TypedEvent,
} from './catalog.ts';
export { busNames, type BusNames } from './subjects.ts';
export { buildAsyncApiDocument, type AsyncApiDocument } from './contract/asyncapi.ts';
export { ensureStreams, streamConfigs, duplicateWindowMs } from './streams.ts';
export { OutboxMessage } from './outbox/outbox-message.entity.ts';
export { enqueueEvent } from './outbox/enqueue.ts';
export {
  createUnitOfWork,
  type UnitOfWork,
  type UnitOfWorkOptions,
  type Outbox,
} from './outbox/unit-of-work.ts';
export { OutboxRelay, type RelayOptions } from './outbox/relay.ts';
export { outboxRelayPlugin, type RelayPluginOptions } from './outbox/relay.plugin.ts';
export { ProcessedEvent } from './consumer/processed-event.entity.ts';
export {
  applyOnce,
  processedEvents,
  type ProcessedEvents,
  type ConsumedEvent,
} from './consumer/apply-once.ts';
export { DurableConsumer, type DurableConsumerOptions } from './consumer/durable-consumer.ts';
export { natsPlugin, connectBus, type Bus, type NatsPluginOptions } from './nats.plugin.ts';
