import type { JsMsg } from '@nats-io/jetstream';

/** One todo event on its way to a browser: `id:` is the JetStream stream sequence. */
export interface SseEvent {
  seq: number;
  type: string;
  /** The CloudEvent JSON, on one line. */
  data: string;
}

export function toSseEvent(message: JsMsg): SseEvent {
  const data = message.string();
  let type = 'message';
  try {
    type = (JSON.parse(data) as { type?: string }).type ?? type;
  } catch {
    // Not JSON: still delivered, under the generic type, so a client sees the gap was filled.
  }
  return {
    seq: message.info.streamSequence,
    type,
    data: data.includes('\n') ? data.replaceAll('\n', ' ') : data,
  };
}

export function formatSse(event: SseEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${event.data}\n\n`;
}
