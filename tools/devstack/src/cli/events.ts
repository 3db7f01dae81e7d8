// `npm run events -- tail [--type todo.created] [--user <id>] [--since <seq|time|age>]`: prints the events on
// the bus as they happen (or from a point in the streams), readable on a terminal, JSON lines when piped.
// `npm run events -- help` lists every option.
//
// It doubles as the example of a consumer written with @todo-bus/events. Watching needs no delivery
// guarantees, so a plain `tail` reads through ordered consumers: ephemeral, no acks, deleted on exit. A
// service that must act on every event once (todos' user.deleted purge) uses DurableConsumer instead, which
// `tail --durable <name>` shows:
//   - durable name: the consumer lives on the server under that name; every replica of a service shares it
//     (the work is split), and a restart resumes after the last acknowledged event;
//   - explicit ack: an event is acked only after the handler returns, so a crash mid-way redelivers it;
//   - retry: a handler that throws is nak'ed with a backoff delay per attempt (`backoffMs`), up to `maxDeliver`;
//   - dead letter: after the last attempt, or at once for a payload that is not a valid event, the message is
//     published on `dlq.<name>` (stream DEAD_LETTERS) with the reason in headers, and terminated;
//   - idempotency is the handler's job: record the event id in the same transaction as the effect (applyOnce).
// See libs/events/src/consumer/durable-consumer.ts and services/todos/src/users/user-deleted.consumer.ts.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { busNames } from '@todo-bus/events';
import { toHumanLine, toJsonLine } from '../events-tail/format.ts';
import { parseEventsArgs, USAGE, UsageError, type EventsCommand } from '../events-tail/options.ts';
import { forgetDurable, startTail, StreamMissingError } from '../events-tail/tail.ts';

const natsUrl = process.env.NATS_URL || 'nats://127.0.0.1:4222';
const names = busNames(process.env.NATS_NAMESPACE ?? '');
const say = (line: string) => process.stderr.write(`events: ${line}\n`);

const logger = {
  debug() {},
  info() {},
  warn: (context: unknown, message?: string) => say(`${message ?? ''} ${describe(context)}`),
  error: (context: unknown, message?: string) => say(`${message ?? ''} ${describe(context)}`),
};
function describe(context: unknown): string {
  if (typeof context !== 'object' || context === null) return '';
  const { err, ...rest } = context as { err?: unknown };
  return [err instanceof Error ? err.message : '', JSON.stringify(rest)].filter(Boolean).join(' ');
}

let command: EventsCommand;
try {
  command = parseEventsArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  say(error.message);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
if (command.command === 'help') {
  console.log(USAGE);
  process.exit(0);
}

const connection = await connect({ servers: natsUrl, name: 'events-cli' }).catch((error: unknown) => {
  say(`cannot reach NATS at ${natsUrl} (${String(error)}): start the system (npm start) or set NATS_URL`);
  process.exit(1);
});
const jsm = await jetstreamManager(connection);

if (command.command === 'forget') {
  const removed = await forgetDurable(jsm, names, command.durable);
  say(
    removed.length
      ? `deleted ${command.durable} from ${removed.join(', ')}`
      : `no consumer ${command.durable}`,
  );
  await connection.drain();
  process.exit(0);
}

const json = command.json || !process.stdout.isTTY;
const tail = await startTail(
  {
    js: jetstream(connection),
    jsm,
    names,
    logger,
    print: (message) => process.stdout.write(`${json ? toJsonLine(message) : toHumanLine(message)}\n`),
  },
  command,
).catch(async (error: unknown) => {
  if (!(error instanceof StreamMissingError)) throw error;
  say(`no stream ${error.message} on ${natsUrl}: start the system (npm start), or check NATS_NAMESPACE`);
  await connection.drain();
  process.exit(1);
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await tail.stop();
  await connection.drain();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown());
// `events tail | head`: the reader went away, which is a normal way to stop.
process.stdout.on('error', () => void shutdown());

const from =
  command.durable !== undefined
    ? `where durable consumer ${command.durable} stopped`
    : command.start.from === 'new'
      ? 'new events'
      : command.start.from === 'sequence'
        ? `sequence ${command.start.sequence}`
        : command.start.time.toISOString();
say(`following ${tail.sources.join(' and ')} from ${from}; Ctrl-C to stop`);
