import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import { toSseEvent, type SseEvent } from './sse-event.ts';

/**
 * The events of one user's subject filter stored after `afterSeq`, oldest first, read with a short-lived
 * ordered consumer: only clients resuming with Last-Event-ID pay for one, and only while they catch up.
 */
export async function* replayAfter(
  js: JetStreamClient,
  stream: string,
  filterSubject: string,
  afterSeq: number,
): AsyncGenerator<SseEvent> {
  const consumer = await js.consumers.get(stream, {
    filter_subjects: filterSubject,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: afterSeq + 1,
  });
  const { num_pending: pending } = await consumer.info(true);
  if (pending === 0) return;
  const messages = await consumer.consume();
  try {
    for await (const message of messages) {
      yield toSseEvent(message);
      if (message.info.pending === 0) return;
    }
  } finally {
    await messages.close();
  }
}
