import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/**
 * CloudEvents 1.0, JSON structured mode, plus the `userid` extension attribute: the envelope of every event
 * on the bus. Ids are UUIDv7, so they sort by creation time (the outbox relies on that for order).
 */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().optional(),
  userid: z.uuid(),
  /** CloudEvents distributed-tracing extension: the W3C trace context of the change that caused the event. */
  traceparent: z.string().optional(),
  tracestate: z.string().optional(),
  data: z.unknown(),
});

export type CloudEvent<Data = unknown> = Omit<z.infer<typeof cloudEventSchema>, 'data'> & { data: Data };

export function newEventId(): string {
  return uuidv7();
}
