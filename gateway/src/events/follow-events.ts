import type { SseEvent } from './sse-event.ts';

/** Where a user's events come from: live delivery, and the stored history for catching up. */
export interface UserEventSource {
  subscribe(userId: string, listener: (event: SseEvent) => void): () => void;
  bounds(): Promise<{ first: number; last: number }>;
  replay(userId: string, afterSeq: number): AsyncIterable<SseEvent>;
}

/** Where the events go (an SseStream): `send` drops any event at or below `lastSentSeq`. */
export interface EventSink {
  lastSentSeq: number;
  readonly closed: boolean;
  send(event: SseEvent): void;
  notify(type: string, data: object): void;
  onClose(listener: () => void): void;
}

/**
 * Feeds one user's events into a sink until it closes. Without `resumeAfter`, only live events. With it,
 * the stored events after it come first, then live ones: live delivery is subscribed before the replay
 * starts and buffered until it ends, so nothing falls between the two, and sequence numbers drop the
 * overlap. When the history after `resumeAfter` is gone (retention) or the id is from another stream's
 * life, no replay can fill the gap: the client is told to reload its state, and carries on live.
 * Rejects when the replay fails; the caller ends the stream.
 */
export async function followEvents(
  sink: EventSink,
  source: UserEventSource,
  userId: string,
  resumeAfter: number | undefined,
): Promise<void> {
  const pending: SseEvent[] = [];
  let replaying = resumeAfter !== undefined;
  const unsubscribe = source.subscribe(userId, (event) =>
    replaying ? pending.push(event) : sink.send(event),
  );
  sink.onClose(unsubscribe);
  if (sink.closed) unsubscribe(); // gone already: its close listeners have run
  if (resumeAfter === undefined) return;
  try {
    const { first, last } = await source.bounds();
    if (resumeAfter + 1 < first || resumeAfter > last) {
      sink.lastSentSeq = last;
      sink.notify('reset', { reason: 'history-unavailable' });
      return;
    }
    sink.lastSentSeq = resumeAfter;
    for await (const event of source.replay(userId, resumeAfter)) {
      if (sink.closed) return;
      sink.send(event);
    }
    for (const event of pending) sink.send(event);
  } finally {
    replaying = false;
    pending.length = 0;
  }
}
