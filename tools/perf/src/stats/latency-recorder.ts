/**
 * Latency samples in milliseconds, kept whole (a bench run records at most a few hundred thousand), so
 * percentiles are exact rather than estimated from buckets.
 */
export class LatencyRecorder {
  #samples = new Float64Array(1024);
  #count = 0;
  #sorted = true;

  record(milliseconds: number): void {
    if (this.#count === this.#samples.length) {
      const grown = new Float64Array(this.#samples.length * 2);
      grown.set(this.#samples);
      this.#samples = grown;
    }
    this.#samples[this.#count++] = milliseconds;
    this.#sorted = false;
  }

  get count(): number {
    return this.#count;
  }

  /** Nearest-rank percentile (0 < p ≤ 100); NaN when there are no samples. */
  percentile(p: number): number {
    if (this.#count === 0) return Number.NaN;
    if (!this.#sorted) {
      this.#samples.subarray(0, this.#count).sort();
      this.#sorted = true;
    }
    return this.#samples[nearestRank(p, this.#count) - 1] ?? Number.NaN;
  }

  get max(): number {
    return this.percentile(100);
  }

  /** The samples of `other` added to this one (rounds merged into a whole). */
  merge(other: LatencyRecorder): this {
    for (const sample of other.values()) this.record(sample);
    return this;
  }

  values(): Float64Array {
    return this.#samples.slice(0, this.#count);
  }
}

/** 1-based rank of the p-th percentile among `count` sorted samples (nearest-rank definition). */
export function nearestRank(p: number, count: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  return Math.max(1, Math.ceil((p / 100) * count));
}

/** The median of a few round results (the middle one, or the mean of the middle two); NaN when empty. */
export function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 === 1
    ? (finite[middle] as number)
    : ((finite[middle - 1] as number) + (finite[middle] as number)) / 2;
}
