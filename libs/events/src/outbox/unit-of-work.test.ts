import type { EntityManager } from '@todo-bus/db';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { busNames } from '../subjects.ts';
import { sampleTodoCreated } from '../testing.ts';
import { createUnitOfWork } from './unit-of-work.ts';

/**
 * An EntityManager that keeps the outbox rows a transaction creates, drops them when it rolls back, and
 * answers 40001 at commit `conflicts` times: what a contended SERIALIZABLE database does.
 */
function fakeDatabase(conflicts = 0) {
  const outbox: { id: string }[] = [];
  let pending: { id: string }[] = [];
  const em = {
    fork: () => em,
    async transactional(work: (tx: unknown) => Promise<unknown>) {
      pending = [];
      const result = await work(em);
      if (conflicts-- > 0) throw Object.assign(new Error('restart transaction'), { code: '40001' });
      outbox.push(...pending);
      return result;
    },
    create(_entity: unknown, row: { id: string }) {
      pending.push(row);
    },
  };
  return { em: em as unknown as EntityManager, outbox };
}

function setup(conflicts = 0) {
  const database = fakeDatabase(conflicts);
  let wakes = 0;
  const transaction = createUnitOfWork({
    em: database.em,
    names: busNames(''),
    scope: () => ({}),
    afterCommit: () => wakes++,
    retry: { baseDelayMs: 0 },
  });
  return { ...database, transaction, wakes: () => wakes };
}

const anEvent = () => sampleTodoCreated(randomUUID());

describe('createUnitOfWork', () => {
  it('wakes the relay once even when the transaction had to run again', async () => {
    const { transaction, outbox, wakes } = setup(2);
    let attempts = 0;
    const events = await transaction(async (tx) => {
      attempts++;
      const emitted = [anEvent(), anEvent()];
      for (const event of emitted) tx.emit(event);
      return emitted;
    });
    expect(attempts).toBe(3);
    expect(outbox.map((row) => row.id)).toEqual(events.map((event) => event.id));
    expect(wakes()).toBe(1);
  });

  it('does not wake the relay when only an abandoned attempt emitted', async () => {
    const { transaction, outbox, wakes } = setup(1);
    let attempts = 0;
    await transaction(async (tx) => {
      if (attempts++ === 0) tx.emit(anEvent());
    });
    expect(attempts).toBe(2);
    expect(outbox).toEqual([]);
    expect(wakes()).toBe(0);
  });

  it('does not wake the relay when the work fails', async () => {
    const { transaction, outbox, wakes } = setup();
    const failing = transaction(async (tx) => {
      tx.emit(anEvent());
      throw new Error('rule broken');
    });
    await expect(failing).rejects.toThrow('rule broken');
    expect(outbox).toEqual([]);
    expect(wakes()).toBe(0);
  });
});
