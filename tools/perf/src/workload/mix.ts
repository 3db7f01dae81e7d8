/** The operations of the mixed workload, and how often each comes up. */
export const OPERATIONS = ['list', 'create', 'toggle', 'rename', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

export type Mix = Record<Operation, number>;

/** Issue 9: 50% list a page, 20% create, 15% toggle, 10% rename, 5% delete. */
export const DEFAULT_MIX: Mix = { list: 50, create: 20, toggle: 15, rename: 10, delete: 5 };

/** A deterministic generator (mulberry32), so a run's sequence of operations can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks operations with the mix's weights (which need not add up to 100). */
export function createOperationPicker(mix: Mix, random: () => number): () => Operation {
  const total = OPERATIONS.reduce((sum, operation) => sum + Math.max(0, mix[operation]), 0);
  if (!(total > 0)) throw new Error('the mix has no operation with a positive weight');
  return () => {
    let point = random() * total;
    for (const operation of OPERATIONS) {
      point -= Math.max(0, mix[operation]);
      if (point < 0) return operation;
    }
    return OPERATIONS.findLast((operation) => mix[operation] > 0) ?? 'list';
  };
}
