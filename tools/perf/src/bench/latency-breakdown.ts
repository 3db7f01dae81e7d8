import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { busNames } from '@todo-bus/events';
import { LatencyRecorder } from '../stats/latency-recorder.ts';
import type { DeliverySample } from '../workload/event-ledger.ts';

export interface LatencyBreakdown {
  /** Event time (stamped in the transaction) → stored in JetStream: transaction, commit, outbox relay. */
  toStream: LatencyRecorder;
  /** Stored in JetStream → received by the SSE client: the gateway's consumer, fan-out and the socket. */
  streamToClient: LatencyRecorder;
}

/**
 * Splits commit → SSE at the stream: JetStream records when it stored each message, so asking it for the
 * sampled sequences tells which half of the path the time was spent in.
 */
export async function breakDown(
  natsUrl: string,
  namespace: string,
  samples: readonly DeliverySample[],
): Promise<LatencyBreakdown> {
  const toStream = new LatencyRecorder();
  const streamToClient = new LatencyRecorder();
  if (samples.length === 0) return { toStream, streamToClient };
  const connection = await connect({ servers: natsUrl });
  try {
    const manager = await jetstreamManager(connection);
    const stream = busNames(namespace).stream('todos');
    for (const sample of samples) {
      const stored = await manager.streams.getMessage(stream, { seq: sample.seq }).catch(() => null);
      if (!stored) continue;
      const storedAt = stored.time.getTime();
      toStream.record(Math.max(0, storedAt - sample.committedAt));
      streamToClient.record(Math.max(0, sample.receivedAt - storedAt));
    }
  } finally {
    await connection.close();
  }
  return { toStream, streamToClient };
}
