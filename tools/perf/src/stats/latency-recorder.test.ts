import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyRecorder, median, nearestRank } from './latency-recorder.ts';

describe('LatencyRecorder', () => {
  it('answers nearest-rank percentiles', () => {
    const recorder = new LatencyRecorder();
    for (let ms = 1; ms <= 100; ms++) recorder.record(101 - ms);
    expect(recorder.percentile(50)).toBe(50);
    expect(recorder.percentile(99)).toBe(99);
    expect(recorder.percentile(100)).toBe(100);
    expect(recorder.percentile(0.1)).toBe(1);
    expect(recorder.count).toBe(100);
  });

  it('is NaN without samples and refuses percentiles outside (0, 100]', () => {
    const recorder = new LatencyRecorder();
    expect(recorder.percentile(50)).toBeNaN();
    recorder.record(1);
    expect(() => recorder.percentile(0)).toThrow(RangeError);
    expect(() => recorder.percentile(101)).toThrow(RangeError);
  });

  it('keeps every sample past its initial capacity and after merges', () => {
    const a = new LatencyRecorder();
    const b = new LatencyRecorder();
    for (let i = 0; i < 5000; i++) a.record(i);
    for (let i = 5000; i < 6000; i++) b.record(i);
    a.merge(b);
    expect(a.count).toBe(6000);
    expect(a.max).toBe(5999);
    expect(a.percentile(50)).toBe(2999);
  });

  it('agrees with a sort-based reference on any input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (samples, p) => {
          const recorder = new LatencyRecorder();
          samples.forEach((sample) => recorder.record(sample));
          const sorted = [...samples].sort((x, y) => x - y);
          expect(recorder.percentile(p)).toBe(sorted[nearestRank(p, samples.length) - 1]);
        },
      ),
    );
  });

  it('records out of order after reading a percentile', () => {
    const recorder = new LatencyRecorder();
    recorder.record(5);
    expect(recorder.percentile(50)).toBe(5);
    recorder.record(1);
    expect(recorder.percentile(50)).toBe(1);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones, ignoring NaN', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN, 7])).toBe(7);
    expect(median([])).toBeNaN();
  });
});
