export interface StreamedEvent {
  id: number;
  event: string;
  data: string;
}

/** Reads an SSE response body, calling `onEvent` per event, until `done` says so or the stream ends. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  done: (events: StreamedEvent[]) => boolean,
): Promise<StreamedEvent[]> {
  const decoder = new TextDecoder();
  const events: StreamedEvent[] = [];
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const field = (name: string) =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      const id = field('id');
      const data = field('data');
      if (id !== undefined && data !== undefined)
        events.push({ id: Number(id), event: field('event') ?? 'message', data });
    }
    if (done(events)) break;
  }
  return events;
}
