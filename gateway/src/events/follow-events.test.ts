import { describe, expect, it } from 'vitest';
import { followEvents, type EventSink, type UserEventSource } from './follow-events.ts';
import type { SseEvent } from './sse-event.ts';

const event = (seq: number, userId = 'alice'): SseEvent & { userId: string } => ({
  seq,
  type: 'todo.created',
  data: `{"seq":${seq}}`,
  userId,
});

/** A stream holding `stored` (first..last), whose live listeners the test feeds by hand. */
function fakeSource(stored: ReturnType<typeof event>[], options: { whileReplaying?: () => void } = {}) {
  const listeners = new Map<string, (event: SseEvent) => void>();
  const source: UserEventSource = {
    subscribe(userId, listener) {
      listeners.set(userId, listener);
      return () => listeners.delete(userId);
    },
    async bounds() {
      return { first: stored[0]?.seq ?? 1, last: stored.at(-1)?.seq ?? 0 };
    },
    async *replay(userId, afterSeq) {
      for (const storedEvent of stored.filter((e) => e.userId === userId && e.seq > afterSeq)) {
        options.whileReplaying?.();
        yield storedEvent;
      }
    },
  };
  const live = (userId: string, seq: number) => listeners.get(userId)?.(event(seq, userId));
  return { source, live, listening: (userId: string) => listeners.has(userId) };
}

/** What an SseStream keeps of it: the ids sent in order (deduplicated as SseStream does) and notices. */
function fakeSink() {
  const sent: number[] = [];
  const notices: string[] = [];
  const closers: (() => void)[] = [];
  let closed = false;
  const sink = {
    lastSentSeq: 0,
    get closed() {
      return closed;
    },
    send(e: SseEvent) {
      if (e.seq <= this.lastSentSeq) return;
      this.lastSentSeq = e.seq;
      sent.push(e.seq);
    },
    notify: (type: string) => notices.push(type),
    onClose: (listener: () => void) => closers.push(listener),
    close() {
      closed = true;
      for (const closer of closers) closer();
    },
  } satisfies EventSink & { close(): void };
  return { sink, sent, notices };
}

describe('followEvents', () => {
  it('without Last-Event-ID, sends live events only, and unsubscribes when the stream closes', async () => {
    const { source, live, listening } = fakeSource([event(1), event(2)]);
    const { sink, sent } = fakeSink();
    await followEvents(sink, source, 'alice', undefined);
    live('alice', 3);
    live('bob', 4);
    expect(sent).toEqual([3]);
    sink.close();
    expect(listening('alice')).toBe(false);
  });

  it('replays the user’s stored events after the id, then live ones that came meanwhile, without duplicates', async () => {
    const stored = [event(1), event(2, 'bob'), event(3), event(4), event(5)];
    let liveSeq = 5;
    const feed = fakeSource(stored, {
      // Live delivery overlaps the replay: one event it is about to replay, and one new.
      whileReplaying: () => {
        if (liveSeq === 5) feed.live('alice', 4);
        if (liveSeq++ === 6) feed.live('alice', 6);
      },
    });
    const { sink, sent, notices } = fakeSink();
    await followEvents(sink, feed.source, 'alice', 1);
    feed.live('alice', 7);
    expect(sent).toEqual([3, 4, 5, 6, 7]);
    expect(notices).toEqual([]);
  });

  it('replays nothing for a client that is up to date', async () => {
    const { source, live } = fakeSource([event(1), event(2)]);
    const { sink, sent } = fakeSink();
    await followEvents(sink, source, 'alice', 2);
    live('alice', 3);
    expect(sent).toEqual([3]);
  });

  it.each([
    ['older than the stream’s history', 1],
    ['newer than the stream (another stream’s life)', 50],
  ])('tells the client to reload when its id is %s, then goes on live', async (_case, lastEventId) => {
    const { source, live } = fakeSource([event(10), event(11)]);
    const { sink, sent, notices } = fakeSink();
    await followEvents(sink, source, 'alice', lastEventId);
    expect(notices).toEqual(['reset']);
    live('alice', 12);
    expect(sent).toEqual([12]);
  });

  it('stops replaying once the stream closed', async () => {
    const feed = fakeSource([event(1), event(2), event(3)]);
    const { sink, sent } = fakeSink();
    const replayed = followEvents(sink, feed.source, 'alice', 0);
    sink.close();
    await replayed;
    expect(sent).toEqual([]);
  });

  it('rejects when the replay fails, and live events then flow', async () => {
    const { source, live } = fakeSource([event(1)]);
    source.replay = async function* () {
      yield* [];
      throw new Error('consumer gone');
    };
    const { sink, sent } = fakeSink();
    await expect(followEvents(sink, source, 'alice', 0)).rejects.toThrow('consumer gone');
    live('alice', 2);
    expect(sent).toEqual([2]);
  });
});
