import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { BusNames } from '@todo-bus/events';
import type { App } from '@todo-bus/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { LiveFeed } from './live-feed.ts';
import { replayAfter } from './replay.ts';
import { SseStream } from './sse-stream.ts';
import type { SseEvent } from './sse-event.ts';
import type { SseMetrics } from './sse-metrics.ts';

export interface EventsRouteOptions {
  feed: LiveFeed;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: BusNames;
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  heartbeatMs: number;
  maxBufferedBytes: number;
  streams: Set<SseStream>;
  metrics: SseMetrics;
}

const lastEventId = z.coerce.number().int().min(0).optional();

/**
 * GET /api/events: the caller's own todo events as Server-Sent Events. With Last-Event-ID (header, or
 * `?lastEventId=` for EventSource polyfills) the stored events after it come first, then live ones:
 * live delivery is subscribed before the replay starts and buffered until it ends, so nothing falls
 * between the two, and sequence numbers drop the overlap.
 */
export async function eventsRoutes(app: App, options: EventsRouteOptions) {
  app.get(
    '/api/events',
    {
      preHandler: options.authenticate,
      schema: {
        tags: ['events'],
        summary: "Live stream of the caller's todo events (text/event-stream)",
        security: [{ bearerAuth: [] }],
        querystring: z.object({ lastEventId }).strict(),
        headers: z.object({ 'last-event-id': lastEventId }),
      },
    },
    async (request, reply) => {
      const resumeAfter = request.headers['last-event-id'] ?? request.query.lastEventId;
      const stream = new SseStream(reply, {
        heartbeatMs: options.heartbeatMs,
        maxBufferedBytes: options.maxBufferedBytes,
        endsAt: request.tokenExpiresAt,
        metrics: options.metrics,
      });
      const pending: SseEvent[] = [];
      let replaying = resumeAfter !== undefined;
      const unsubscribe = options.feed.subscribe(request.userId, (event) =>
        replaying ? pending.push(event) : stream.send(event),
      );
      options.streams.add(stream);
      stream.onClose(() => {
        unsubscribe();
        options.streams.delete(stream);
      });
      stream.open();
      if (resumeAfter === undefined) return;
      try {
        const { state } = await options.jsm.streams.info(options.names.stream('todos'));
        if (resumeAfter + 1 < state.first_seq || resumeAfter > state.last_seq) {
          // Events after that id are gone (retention) or the id is from another stream's life: no replay can
          // fill the gap, so tell the client to reload its state, then carry on live from here.
          stream.lastSentSeq = state.last_seq;
          stream.notify('reset', { reason: 'history-unavailable' });
          return;
        }
        stream.lastSentSeq = resumeAfter;
        const filter = options.names.domainFilter('todos', request.userId);
        for await (const event of replayAfter(
          options.js,
          options.names.stream('todos'),
          filter,
          resumeAfter,
        )) {
          if (stream.closed) return;
          stream.send(event);
        }
        for (const event of pending) stream.send(event);
      } catch (error) {
        request.log.error({ err: error }, 'SSE replay failed');
        stream.end('replay-failed');
      } finally {
        replaying = false;
        pending.length = 0;
      }
    },
  );
}
