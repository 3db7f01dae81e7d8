import { Counter, Gauge, type Registry } from 'prom-client';
import type { LiveFeed } from './live-feed.plugin.ts';

export interface SseMetrics {
  sent(): void;
  slowClientDisconnected(): void;
}

/** Open streams (read from the feed at scrape time), events delivered, slow clients cut off. */
export function sseMetrics(registry: Registry, feed: Pick<LiveFeed, 'openStreams'>): SseMetrics {
  new Gauge({
    name: 'sse_open_streams',
    help: 'Browsers connected to /api/events on this gateway',
    registers: [registry],
    collect() {
      this.set(feed.openStreams);
    },
  });
  const sent = new Counter({
    name: 'sse_events_sent_total',
    help: 'Events written to SSE streams',
    registers: [registry],
  });
  const slow = new Counter({
    name: 'sse_slow_client_disconnects_total',
    help: 'Streams closed because the client stopped reading',
    registers: [registry],
  });
  return { sent: () => sent.inc(), slowClientDisconnected: () => slow.inc() };
}
