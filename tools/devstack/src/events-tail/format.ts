// How `npm run events -- tail` prints an event: a readable line on a terminal, JSON lines otherwise.
import { cloudEventSchema, eventCatalog, isEventType, type CloudEvent } from '@todo-bus/events';

/** One message of a stream, parsed as far as it goes. */
export interface TailedMessage {
  stream: string;
  seq: number;
  subject: string;
  event?: CloudEvent;
  /** Why the payload is not an event of the catalog, with the payload as text. */
  invalid?: { reason: string; payload: string };
}

export function readMessage(stream: string, seq: number, subject: string, payload: string): TailedMessage {
  const position = { stream, seq, subject };
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { ...position, invalid: { reason: 'not JSON', payload } };
  }
  const envelope = cloudEventSchema.safeParse(json);
  if (!envelope.success) return { ...position, invalid: { reason: 'not a CloudEvent', payload } };
  const event = envelope.data as CloudEvent;
  if (!isEventType(event.type)) return { ...position, event, invalid: { reason: 'unknown type', payload } };
  if (!eventCatalog[event.type].data.safeParse(event.data).success) {
    return { ...position, event, invalid: { reason: `data does not match ${event.type}`, payload } };
  }
  return { ...position, event };
}

export function toJsonLine(message: TailedMessage): string {
  return JSON.stringify(message);
}

const quoted = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);

/** What happened, in a few words: the title of a todo, the email of a user, the fields that changed. */
export function summarize(event: CloudEvent): string {
  if (!isEventType(event.type)) return '';
  switch (event.type) {
    case 'user.registered':
      return eventCatalog[event.type].data.parse(event.data).email;
    case 'user.deleted':
      return `user ${eventCatalog[event.type].data.parse(event.data).id}`;
    case 'todo.created': {
      const { todo } = eventCatalog[event.type].data.parse(event.data);
      return `${quoted(todo.title)}${todo.completed ? ' (completed)' : ''}`;
    }
    case 'todo.updated': {
      const { todo, changed } = eventCatalog[event.type].data.parse(event.data);
      return `${quoted(todo.title)} ${changed.map((field) => `${field}=${JSON.stringify(todo[field])}`).join(' ')}`;
    }
    case 'todo.deleted':
      return `todo ${eventCatalog[event.type].data.parse(event.data).id}`;
  }
}

function clock(time: Date, now: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const hms = `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}.${pad(time.getMilliseconds(), 3)}`;
  if (time.toDateString() === now.toDateString()) return hms;
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${hms}`;
}

/** `10:42:07.118  todo.created     user 0196f3a2  "Buy milk"  TODO_EVENTS#12 todos.events.<user>.todo.created` */
export function toHumanLine(message: TailedMessage, now = new Date()): string {
  const where = `${message.stream}#${message.seq} ${message.subject}`;
  const { event, invalid } = message;
  if (!event) return `${' '.repeat(12)}  ${'(invalid)'.padEnd(15)}  ${invalid?.reason ?? ''}  ${where}`;
  const what = invalid ? `(${invalid.reason})` : summarize(event);
  return `${clock(new Date(event.time), now)}  ${event.type.padEnd(15)}  user ${event.userid.slice(0, 8)}  ${what}  ${where}`;
}
