/** The event contract (CloudEvents + catalog) and the machinery that moves events: outbox, relay, consumers. */
export { cloudEventSchema, type CloudEvent } from './cloudevent.ts';
export {
  eventCatalog,
  createEvent,
  isEventType,
  type EventType,
  type EventDomain,
  type TypedEvent,
} from './catalog.ts';
export { busNames, type BusNames } from './subjects.ts';
export { buildAsyncApiDocument, type AsyncApiDocument } from './contract/asyncapi.ts';
export { OutboxMessage } from './outbox/outbox-message.entity.ts';
export { createUnitOfWork, type UnitOfWork, type Outbox } from './outbox/unit-of-work.ts';
export { outboxRelayPlugin, type RelayPluginOptions } from './outbox/relay.plugin.ts';
export { ProcessedEvent } from './consumer/processed-event.entity.ts';
export { applyOnce, processedEvents, type ProcessedEvents } from './consumer/apply-once.ts';
export { DurableConsumer, type DurableConsumerOptions } from './consumer/durable-consumer.ts';
export { natsPlugin, connectBus, type Bus } from './nats.plugin.ts';
