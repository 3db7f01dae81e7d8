import type { App } from '@todo-bus/http';
import { z } from 'zod';
import { followEvents } from './follow-events.ts';
import { sseMetrics } from './sse-metrics.ts';
import { SseStream } from './sse-stream.ts';
import { createStreamCaps, type StreamCapsOptions } from './stream-caps.ts';

export interface EventsRoutesOptions {
  heartbeatMs: number;
  maxBufferedBytes: number;
  maxStreams: StreamCapsOptions;
}

const lastEventId = z.coerce.number().int().min(0).optional();

/**
 * GET /api/events: the caller's own todo events as Server-Sent Events, resumable with Last-Event-ID
 * (header, or `?lastEventId=` for EventSource polyfills). Thin: open the stream → follow the events.
 */
export async function eventsRoutes(
  app: App,
  { heartbeatMs, maxBufferedBytes, maxStreams }: EventsRoutesOptions,
) {
  const metrics = sseMetrics(app.metrics, app.liveFeed);
  const caps = createStreamCaps(maxStreams);
  const streams = new Set<SseStream>();
  // Closing: tell every browser to come back (they resume with Last-Event-ID) before the feed stops.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end('server-restarting');
  });
  app.addHook('onRequest', app.protect);

  app.get(
    '',
    {
      schema: {
        tags: ['events'],
        summary: "Live stream of the caller's todo events (text/event-stream)",
        security: [{ bearerAuth: [] }],
        querystring: z.object({ lastEventId }).strict(),
        headers: z.object({ 'last-event-id': lastEventId }),
      },
    },
    async (request, reply) => {
      const release = caps.acquire(request.userId, request.ip);
      const stream = new SseStream(reply, {
        heartbeatMs,
        maxBufferedBytes,
        endsAt: request.tokenExpiresAt,
        metrics,
      });
      streams.add(stream);
      stream.onClose(() => {
        streams.delete(stream);
        release();
      });
      stream.open();
      const resumeAfter = request.headers['last-event-id'] ?? request.query.lastEventId;
      await followEvents(stream, app.liveFeed, request.userId, resumeAfter).catch((error: unknown) => {
        request.log.error({ err: error }, 'SSE replay failed');
        stream.end('replay-failed');
      });
    },
  );
}
