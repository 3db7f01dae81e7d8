// The command line of `npm run events`. Pure, so it is unit-tested.
import { parseArgs } from 'node:util';
import { eventCatalog, isEventType, type BusNames, type EventDomain, type EventType } from '@todo-bus/events';

export const USAGE = `Usage:
  npm run events -- tail [--type <type>] [--user <id>] [--domain auth|todos] [--since <from>] [--json]
  npm run events -- tail --durable <name> [--type <type>] [--user <id>] [--domain auth|todos] [--json]
  npm run events -- forget <name>

tail      prints events as they arrive: readable on a terminal, one JSON object per line otherwise (--json forces it)
--type    one event type: ${Object.keys(eventCatalog).join(', ')}
--user    only the events of this user id
--domain  only one stream (both by default; --type implies its own)
--since   replay from a stream sequence (12, per stream), a time (2026-05-01T10:00:00Z) or an age (30s, 15m, 2h, 1d)
--durable resume where the last run with this name stopped: a durable consumer with acks and a dead letter
forget    deletes the durable consumer <name>
Environment: NATS_URL (default nats://127.0.0.1:4222), NATS_NAMESPACE (default empty).`;

export class UsageError extends Error {}

export type StartAt = { from: 'new' } | { from: 'sequence'; sequence: number } | { from: 'time'; time: Date };

export interface TailCommand {
  command: 'tail';
  domains: EventDomain[];
  type?: EventType;
  user?: string;
  start: StartAt;
  durable?: string;
  json: boolean;
}

export type EventsCommand = TailCommand | { command: 'forget'; durable: string } | { command: 'help' };

const DOMAINS: EventDomain[] = ['auth', 'todos'];
const AGE_UNITS_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A subject token, or a consumer name: no dots, wildcards or spaces. */
const NAME = /^[A-Za-z0-9_-]+$/;

export function parseStart(value: string, now = new Date()): StartAt {
  if (/^\d+$/.test(value) && Number(value) >= 1) return { from: 'sequence', sequence: Number(value) };
  const age = /^(\d+)([smhd])$/.exec(value);
  if (age) {
    const unit = age[2] as keyof typeof AGE_UNITS_MS;
    return { from: 'time', time: new Date(now.getTime() - Number(age[1]) * AGE_UNITS_MS[unit]) };
  }
  const time = new Date(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(time.getTime())) return { from: 'time', time };
  throw new UsageError(`--since takes a stream sequence (≥ 1), a time or an age like 15m, not "${value}"`);
}

function named(value: string | undefined, what: string): string | undefined {
  if (value !== undefined && !NAME.test(value))
    throw new UsageError(`${what} "${value}" has a character NATS forbids`);
  return value;
}

function parseOrExplain(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        type: { type: 'string' },
        user: { type: 'string' },
        domain: { type: 'string' },
        since: { type: 'string' },
        durable: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // node:util explains unknown options and missing values well; say it in our voice.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function parseEventsArgs(argv: string[], now = new Date()): EventsCommand {
  const { values, positionals } = parseOrExplain(argv);
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { command: 'help' };
  if (command === 'forget') {
    const durable = named(rest[0], 'durable name');
    if (!durable || rest.length > 1) throw new UsageError('forget takes one durable name');
    return { command, durable };
  }
  if (command !== 'tail') throw new UsageError(`unknown command "${command}"`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);

  const { type, domain } = values;
  if (type !== undefined && !isEventType(type)) throw new UsageError(`unknown event type "${type}"`);
  if (domain !== undefined && !DOMAINS.includes(domain as EventDomain)) {
    throw new UsageError(`--domain is auth or todos, not "${domain}"`);
  }
  const typeDomain = type ? eventCatalog[type].domain : undefined;
  if (typeDomain && domain && typeDomain !== domain) {
    throw new UsageError(`${type} is published on ${typeDomain}, not ${domain}`);
  }
  if (values.durable !== undefined && values.since !== undefined) {
    throw new UsageError('--durable resumes where it stopped; it does not take --since');
  }
  const narrowed = typeDomain ?? (domain as EventDomain | undefined);
  return {
    command,
    domains: narrowed ? [narrowed] : DOMAINS,
    ...(type ? { type } : {}),
    ...(values.user !== undefined ? { user: named(values.user, 'user id') } : {}),
    start: values.since === undefined ? { from: 'new' } : parseStart(values.since, now),
    ...(values.durable !== undefined ? { durable: named(values.durable, 'durable name') } : {}),
    json: values.json,
  };
}

/** The subject filter of one stream: a type and a user narrow `<domain>.events.>`. */
export function filterSubject(
  names: BusNames,
  domain: EventDomain,
  { type, user }: Pick<TailCommand, 'type' | 'user'>,
) {
  if (type) return names.subject(domain, user ?? '*', type);
  return names.domainFilter(domain, user);
}
