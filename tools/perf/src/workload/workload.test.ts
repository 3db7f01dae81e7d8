import { describe, expect, it } from 'vitest';
import { arrivalTimes, runSchedule } from './arrivals.ts';
import { createOperationPicker, DEFAULT_MIX, OPERATIONS, seededRandom } from './mix.ts';

describe('operation mix', () => {
  it('follows the weights of issue 9 within sampling error', () => {
    const pick = createOperationPicker(DEFAULT_MIX, seededRandom(7));
    const counts = Object.fromEntries(OPERATIONS.map((operation) => [operation, 0]));
    const draws = 100_000;
    for (let i = 0; i < draws; i++) counts[pick()]! += 1;
    for (const operation of OPERATIONS) {
      expect(counts[operation]! / draws).toBeCloseTo(DEFAULT_MIX[operation] / 100, 2);
    }
  });

  it('never picks an operation of weight 0, and refuses an empty mix', () => {
    const pick = createOperationPicker(
      { list: 0, create: 1, toggle: 0, rename: 0, delete: 0 },
      seededRandom(1),
    );
    for (let i = 0; i < 1000; i++) expect(pick()).toBe('create');
    expect(() =>
      createOperationPicker({ list: 0, create: 0, toggle: 0, rename: 0, delete: 0 }, Math.random),
    ).toThrow('positive weight');
  });

  it('replays the same sequence from the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 10 }, () => a());
    expect(values).toEqual(Array.from({ length: 10 }, () => b()));
    expect(new Set(values).size).toBe(10);
    for (const value of values) expect(value >= 0 && value < 1).toBe(true);
  });
});

describe('arrival schedule (open model)', () => {
  it('spaces uniform arrivals evenly at the rate', () => {
    const times = arrivalTimes({ ratePerSecond: 100, durationMs: 1000, process: 'uniform' });
    expect(times).toHaveLength(99);
    expect(times[0]).toBeCloseTo(10);
    expect(times[98]).toBeCloseTo(990);
  });

  it('draws Poisson arrivals whose count matches the rate', () => {
    const times = arrivalTimes({ ratePerSecond: 200, durationMs: 60_000, random: seededRandom(3) });
    expect(times.length).toBeGreaterThan(11_600);
    expect(times.length).toBeLessThan(12_400);
    expect(times.every((time, i) => i === 0 || time >= (times[i - 1] as number))).toBe(true);
  });

  it('dispatches every arrival on time without waiting for earlier ones to finish', async () => {
    let clock = 0;
    const dispatched: number[] = [];
    const result = await runSchedule([0, 5, 5, 20], (index) => dispatched.push(index), {
      tickMs: 5,
      now: () => (clock += 5),
    });
    expect(dispatched).toEqual([0, 1, 2, 3]);
    expect(result.started).toBe(4);
    expect(result.lateness.every((late) => late >= 0 && late <= 5)).toBe(true);
  });

  it('reports lateness when the generator falls behind instead of dropping arrivals', async () => {
    let clock = 0;
    const stalls = [0, 100]; // the second look at the clock comes 100 ms late
    const result = await runSchedule([1, 2, 3], () => undefined, {
      now: () => (clock += stalls.shift() ?? 1),
    });
    expect(result.started).toBe(3);
    expect(Math.max(...result.lateness)).toBeGreaterThanOrEqual(97);
  });
});
