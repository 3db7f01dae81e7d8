// `npm run events -- tail` as a user runs it: a separate process on this suite's NATS namespace, while the
// test publishes events the way the services' outbox relays do.
import {
  connectBus,
  createEvent,
  eventCatalog,
  type Bus,
  type CloudEvent,
  type EventType,
  type TypedEvent,
} from '@todo-bus/events';
import { sampleTodoCreated } from '@todo-bus/events/testing';
import { useTestNats, type TestNats } from '@todo-bus/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TailedMessage } from '../src/events-tail/format.ts';

const CLI = new URL('../src/cli/events.ts', import.meta.url).pathname;

let nats: TestNats;
let bus: Bus;
beforeAll(async () => {
  nats = await useTestNats();
  bus = await connectBus({ url: nats.url, namespace: nats.namespace, name: 'events-cli-test' });
});
afterAll(async () => {
  await bus?.connection.drain();
  await nats?.cleanup();
});

interface Cli {
  process: ChildProcess;
  /** Every stdout line so far, parsed (the CLI is not on a terminal here, so it writes JSON lines). */
  lines: TailedMessage[];
  stderr: string[];
  nextLine(timeoutMs?: number): Promise<TailedMessage>;
  /** Ctrl-C; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}
const running: Cli[] = [];
afterEach(async () => {
  for (const cli of running.splice(0)) if (cli.process.exitCode === null) cli.process.kill('SIGKILL');
});

/** Starts the CLI and resolves once it says what it follows, i.e. its consumers exist. */
async function startCli(...args: string[]): Promise<Cli> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, NATS_URL: nats.url, NATS_NAMESPACE: nats.namespace },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: TailedMessage[] = [];
  const stderr: string[] = [];
  let unread = 0;
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(JSON.parse(line) as TailedMessage);
    waiters.splice(0).forEach((wake) => wake());
  });
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderr.push(line);
      if (line.includes('Ctrl-C to stop')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`events CLI exited with ${code}: ${stderr.join('\n')}`)));
  });
  const cli: Cli = {
    process: child,
    lines,
    stderr,
    async nextLine(timeoutMs = 10_000) {
      while (unread >= lines.length) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve, reject) => {
          waiters.push(resolve);
          timer = setTimeout(() => reject(new Error(`no line within ${timeoutMs} ms`)), timeoutMs);
        }).finally(() => clearTimeout(timer));
      }
      return lines[unread++]!;
    },
    async interrupt() {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
  running.push(cli);
  await ready;
  return cli;
}

const todoCreated = (userId: string, title = 'Buy milk') => sampleTodoCreated(userId, { title });

function todoDeleted(userId: string) {
  const id = randomUUID();
  return createEvent({ type: 'todo.deleted', source: '/services/todos', subject: id, userId, data: { id } });
}

function userRegistered(userId: string) {
  const data = { id: userId, email: 'someone@example.com', createdAt: new Date().toISOString() };
  return createEvent({ type: 'user.registered', source: '/services/auth', subject: userId, userId, data });
}

/** Publishes like a relay does (JSON CloudEvent, Nats-Msg-Id = event id); returns the event and its sequence. */
async function publish(event: TypedEvent<EventType>) {
  const domain = eventCatalog[event.type].domain;
  const subject = bus.names.subject(domain, event.userid, event.type);
  const ack = await bus.js.publish(subject, JSON.stringify(event), { msgID: event.id });
  return { event: event as CloudEvent, seq: ack.seq };
}

async function consumersLeft(): Promise<string[]> {
  const names: string[] = [];
  for (const stream of [bus.names.stream('auth'), bus.names.stream('todos')]) {
    for await (const consumer of bus.jsm.consumers.list(stream)) names.push(consumer.name);
  }
  return names;
}

describe('npm run events -- tail', () => {
  it('prints a todo created by another process within a second, as a JSON line, and leaves nothing behind', async () => {
    const cli = await startCli('tail');
    expect(cli.stderr.join('\n')).toMatch(/following .*AUTH_EVENTS.* and .*TODO_EVENTS.* from new events/);

    const publishedAt = performance.now();
    const { event, seq } = await publish(todoCreated(randomUUID(), 'Water the plants'));
    const line = await cli.nextLine(1_000);
    expect(performance.now() - publishedAt).toBeLessThan(1_000);
    expect(line).toEqual({
      stream: bus.names.stream('todos'),
      seq,
      subject: bus.names.subject('todos', event.userid, 'todo.created'),
      event,
    });

    expect(await cli.interrupt()).toBe(0);
    expect(await consumersLeft()).toEqual([]);
  });

  it('prints only the events of --type and --user', async () => {
    const [someone, other] = [randomUUID(), randomUUID()];
    const cli = await startCli('tail', '--type', 'todo.created', '--user', someone);
    expect(cli.stderr.join('\n')).not.toMatch(/AUTH_EVENTS/);

    // Earlier in the stream than the one that matches: had they passed the filter, they would come first.
    await publish(todoCreated(other));
    await publish(todoDeleted(someone));
    const { event } = await publish(todoCreated(someone));
    expect((await cli.nextLine()).event).toEqual(event);

    expect(await cli.interrupt()).toBe(0);
    expect(cli.lines).toHaveLength(1);
  });

  it('replays from --since 1, from both streams of a --user', async () => {
    const someone = randomUUID();
    const registered = await publish(userRegistered(someone));
    const created = await publish(todoCreated(someone));
    await publish(todoCreated(randomUUID()));

    const cli = await startCli('tail', '--since', '1', '--user', someone);
    const replayed = [await cli.nextLine(), await cli.nextLine()];
    expect(replayed.map((line) => line.event).sort((a, b) => a!.type.localeCompare(b!.type))).toEqual([
      created.event,
      registered.event,
    ]);
    expect(await cli.interrupt()).toBe(0);
    expect(cli.lines).toHaveLength(2);
  });

  it('with --durable, resumes after the last acknowledged event, until forgotten', async () => {
    const someone = randomUUID();
    const args = ['tail', '--durable', 'tail-test', '--type', 'todo.created', '--user', someone];
    const first = await startCli(...args);
    // A payload that can never be handled goes to the dead letter subject at once, not to the screen.
    const deadLetter = bus.connection.subscribe(bus.names.deadLetterSubject('tail-test'), { max: 1 });
    await bus.js.publish(bus.names.subject('todos', someone, 'todo.created'), 'not an event');
    const seen = await publish(todoCreated(someone, 'first'));
    expect((await first.nextLine()).event).toEqual(seen.event);
    for await (const parked of deadLetter) {
      expect(parked.string()).toBe('not an event');
      expect(parked.headers?.get('Dead-Letter-Reason')).toBe('payload is not JSON');
    }
    expect(await first.interrupt()).toBe(0);

    const missed = await publish(todoCreated(someone, 'while nobody watched'));
    const second = await startCli(...args);
    expect((await second.nextLine()).event).toEqual(missed.event);
    expect(await second.interrupt()).toBe(0);
    expect(await consumersLeft()).toEqual(['tail-test']);

    const forget = spawn(process.execPath, [CLI, 'forget', 'tail-test'], {
      env: { ...process.env, NATS_URL: nats.url, NATS_NAMESPACE: nats.namespace },
      stdio: 'ignore',
    });
    expect((await once(forget, 'exit'))[0]).toBe(0);
    expect(await consumersLeft()).toEqual([]);
  });
});
