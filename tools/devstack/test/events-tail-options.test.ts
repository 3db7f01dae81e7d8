import { busNames } from '@todo-bus/events';
import { describe, expect, it } from 'vitest';
import { filterSubject, parseEventsArgs, parseStart, UsageError } from '../src/events-tail/options.ts';

const now = new Date('2026-05-01T12:00:00Z');
const user = '0196f3a2-7c1e-7000-8000-000000000001';

describe('parseEventsArgs', () => {
  it('tails both streams from new events by default', () => {
    expect(parseEventsArgs(['tail'])).toEqual({
      command: 'tail',
      domains: ['auth', 'todos'],
      start: { from: 'new' },
      json: false,
    });
  });

  it('narrows to the stream of --type, and to --domain', () => {
    expect(parseEventsArgs(['tail', '--type', 'user.deleted', '--user', user])).toMatchObject({
      domains: ['auth'],
      type: 'user.deleted',
      user,
    });
    expect(parseEventsArgs(['tail', '--domain', 'todos'])).toMatchObject({ domains: ['todos'] });
  });

  it.each([
    [['tail', '--type', 'todo.renamed'], /unknown event type "todo.renamed"/],
    [['tail', '--type', 'todo.created', '--domain', 'auth'], /todo.created is published on todos, not auth/],
    [['tail', '--domain', 'billing'], /--domain is auth or todos/],
    [['tail', '--user', 'a.>'], /user id "a.>" has a character NATS forbids/],
    [['tail', '--durable', 'me', '--since', '1'], /does not take --since/],
    [['tail', '--colour'], /Unknown option '--colour'/],
    [['forget'], /forget takes one durable name/],
    [['watch'], /unknown command "watch"/],
  ])('explains what is wrong with %j', (argv, message) => {
    expect(() => parseEventsArgs(argv)).toThrow(UsageError);
    expect(() => parseEventsArgs(argv)).toThrow(message);
  });

  it('reads forget and help', () => {
    expect(parseEventsArgs(['forget', 'my-tail'])).toEqual({ command: 'forget', durable: 'my-tail' });
    expect(parseEventsArgs([])).toEqual({ command: 'help' });
    expect(parseEventsArgs(['tail', '--help'])).toEqual({ command: 'help' });
  });
});

describe('parseStart (--since)', () => {
  it('takes a stream sequence, a time or an age', () => {
    expect(parseStart('42', now)).toEqual({ from: 'sequence', sequence: 42 });
    expect(parseStart('2026-04-30T08:00:00Z', now)).toEqual({
      from: 'time',
      time: new Date('2026-04-30T08:00:00Z'),
    });
    expect(parseStart('15m', now)).toEqual({ from: 'time', time: new Date('2026-05-01T11:45:00Z') });
    expect(parseStart('1d', now)).toEqual({ from: 'time', time: new Date('2026-04-30T12:00:00Z') });
  });

  it.each(['0', 'yesterday', '5w', '-3'])('refuses %s', (value) => {
    expect(() => parseStart(value, now)).toThrow(/--since takes/);
  });
});

describe('filterSubject', () => {
  const names = busNames('t1');
  it('narrows the domain to a type, a user, or both', () => {
    expect(filterSubject(names, 'todos', {})).toBe('t1.todos.events.>');
    expect(filterSubject(names, 'todos', { user })).toBe(`t1.todos.events.${user}.>`);
    expect(filterSubject(names, 'todos', { type: 'todo.created' })).toBe('t1.todos.events.*.todo.created');
    expect(filterSubject(names, 'auth', { type: 'user.deleted', user })).toBe(
      `t1.auth.events.${user}.user.deleted`,
    );
  });
});
