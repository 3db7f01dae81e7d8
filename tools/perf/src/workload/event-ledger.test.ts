import { describe, expect, it } from 'vitest';
import { EventLedger } from './event-ledger.ts';

const event = (id: string, type: string, subject: string, time = '2026-01-01T00:00:00.000Z') => ({
  id,
  type,
  subject,
  time,
});

describe('EventLedger', () => {
  it('balances acknowledged writes against delivered events, per user, type and subject', () => {
    const ledger = new EventLedger();
    ledger.expect('u1', 'todo.created', 't1');
    ledger.expect('u1', 'todo.updated', 't1');
    ledger.expect('u1', 'todo.updated', 't1');
    ledger.expect('u2', 'todo.created', 't2');
    expect(ledger.complete()).toBe(false);
    ledger.receive('u1', event('e1', 'todo.created', 't1'), 0);
    ledger.receive('u1', event('e2', 'todo.updated', 't1'), 0);
    ledger.receive('u1', event('e3', 'todo.updated', 't1'), 0);
    ledger.receive('u2', event('e4', 'todo.created', 't2'), 0);
    expect(ledger.complete()).toBe(true);
    expect(ledger.summary()).toEqual({ expected: 4, delivered: 4, lost: 0, duplicated: 0, unexpected: 0 });
  });

  it('counts a missing event as lost, a repeated id as duplicated, an unacknowledged one apart', () => {
    const ledger = new EventLedger();
    ledger.expect('u1', 'todo.created', 't1');
    ledger.expect('u1', 'todo.deleted', 't1');
    ledger.receive('u1', event('e1', 'todo.created', 't1'), 0);
    ledger.receive('u1', event('e1', 'todo.created', 't1'), 0);
    ledger.receive('u1', event('e9', 'todo.created', 't9'), 0);
    // The same event on a user's second stream is not a duplicate: each stream gets its own copy.
    ledger.receive('u1', event('e1', 'todo.created', 't1'), 0, 'u1 tab 2');
    expect(ledger.summary()).toEqual({ expected: 2, delivered: 1, lost: 1, duplicated: 1, unexpected: 2 });
  });

  it('records commit → receipt latency from the event time', () => {
    const ledger = new EventLedger();
    const committed = Date.parse('2026-01-01T00:00:00.000Z');
    ledger.receive('u1', event('e1', 'todo.created', 't1'), committed + 7);
    ledger.receive('u1', event('e2', 'todo.created', 't2'), committed + 3);
    expect(ledger.latency.percentile(50)).toBe(3);
    expect(ledger.latency.max).toBe(7);
  });
});
