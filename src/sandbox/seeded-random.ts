/**
 * A small seeded PRNG (mulberry32) and the few distributions the generator needs.
 * Deterministic for a seed on every platform; Math.random is never used so a world can be regenerated exactly.
 */

export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** index drawn with probability proportional to weights */
  weightedIndex(cumulativeWeights: readonly number[]): number;
  /** Pareto(alpha) with minimum 1: heavy-tailed, a few large values */
  pareto(alpha: number): number;
  /** exponential with the given mean */
  exponential(mean: number): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError("pick from an empty list");
      return item;
    },
    weightedIndex(cumulativeWeights) {
      const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
      return lowerBound(cumulativeWeights, next() * total);
    },
    pareto: (alpha) => (1 - next()) ** (-1 / alpha),
    exponential: (mean) => -Math.log(1 - next()) * mean,
  };
}

/** Running sums, for weightedIndex. */
export function cumulative(weights: readonly number[]): number[] {
  const out: number[] = [];
  let sum = 0;
  for (const weight of weights) {
    sum += weight;
    out.push(sum);
  }
  return out;
}

/** First index whose value is > target (values ascending). */
function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
