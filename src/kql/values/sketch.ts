/**
 * Exact stand-ins for Kusto's sketches (shared by the aggregates and the scalar functions):
 * - an hll() value is the dynamic array of the distinct values seen (dcount_hll is its length);
 * - a tdigest() value is the dynamic array of `[value, weight]` pairs (percentile_tdigest is an exact nearest-rank
 *   weighted percentile; datetime/timespan values are kept as ticks).
 */
import type { DynamicValue } from './value.ts';

export function hllMerge(into: DynamicValue[], seen: Set<string>, sketch: DynamicValue, key: (v: DynamicValue) => string): void {
  if (!Array.isArray(sketch)) return;
  for (const v of sketch) {
    const k = key(v);
    if (seen.has(k)) continue;
    seen.add(k);
    into.push(v);
  }
}

export type DigestEntry = readonly [number | bigint, number];

export function digestEntries(sketch: DynamicValue): DigestEntry[] {
  if (!Array.isArray(sketch)) return [];
  const out: DigestEntry[] = [];
  for (const pair of sketch) {
    if (!Array.isArray(pair)) continue;
    const [v, w] = pair;
    if ((typeof v === 'number' || typeof v === 'bigint') && typeof w === 'number') out.push([v, w]);
  }
  return out;
}

/** The smallest value whose cumulative weight reaches `percent`% of the total; null for an empty digest. */
export function digestPercentile(entries: readonly DigestEntry[], percent: number): number | bigint | null {
  if (entries.length === 0) return null;
  const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const total = sorted.reduce((s, e) => s + e[1], 0);
  const target = Math.max((percent / 100) * total, Number.MIN_VALUE);
  let cumulative = 0;
  for (const [v, w] of sorted) {
    cumulative += w;
    if (cumulative >= target) return v;
  }
  return sorted[sorted.length - 1]?.[0] ?? null;
}
