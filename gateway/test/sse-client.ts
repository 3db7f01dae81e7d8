export interface ReceivedEvent {
  id: number;
  event: string;
  data: { id: string; type: string; userid: string; subject: string };
}

/** A minimal EventSource over fetch, for tests: collects events and comments, and awaits them. */
export async function openEventStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: ReceivedEvent[] = [];
  const comments: string[] = [];
  let ended = false;
  let waiters: (() => void)[] = [];
  const notify = () => {
    for (const waiter of waiters) waiter();
    waiters = [];
  };
  const consume = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let boundary;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
          );
          for (const line of block.split('\n')) if (line.startsWith(':')) comments.push(line.slice(1).trim());
          if (fields.data !== undefined && fields.id !== undefined) {
            events.push({
              id: Number(fields.id),
              event: fields.event ?? 'message',
              data: JSON.parse(fields.data) as ReceivedEvent['data'],
            });
          } else if (fields.event !== undefined) {
            comments.push(`${fields.event} ${fields.data}`);
          }
          notify();
        }
      }
    } catch {
      // Aborted by close(), or cut off by the server.
    } finally {
      ended = true;
      notify();
    }
  })();

  const waitFor = async (done: () => boolean, what: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (ended || Date.now() > deadline)
        throw new Error(`stream ${ended ? 'ended' : 'timed out'} waiting for ${what}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    comments,
    get ended() {
      return ended;
    },
    waitForEvents: (count: number, timeoutMs?: number) =>
      waitFor(() => events.length >= count, `${count} events`, timeoutMs),
    waitForComment: (text: string, timeoutMs?: number) =>
      waitFor(() => comments.some((comment) => comment.includes(text)), `comment "${text}"`, timeoutMs),
    waitForEnd: (timeoutMs = 5_000) =>
      waitFor(() => ended, 'the end', timeoutMs).catch((error: unknown) => {
        if (!ended) throw error;
      }),
    async close() {
      controller.abort();
      await consume;
    },
  };
}

export type EventStream = Awaited<ReturnType<typeof openEventStream>>;
