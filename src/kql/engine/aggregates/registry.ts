/**
 * Aggregation functions of `summarize`. Each entry makes an accumulator per group; `add` receives the evaluated
 * arguments and the input row (so arg_max can keep the row it chose). Results over zero rows follow Kusto:
 * count/dcount/sum → 0, avg → NaN, min/max/arg_max/take_any/percentile → null, make_* → [] / {}.
 */
import type { KqlType } from '../../../schema/types.ts';
import type { DynamicValue, KqlValue } from '../../values/value.ts';
import { isBag, newBag, wrapLong } from '../../values/value.ts';
import { compareNonNull, groupKey } from '../ops/compare.ts';
import { normalizeLong, toDynamicValue as toDynamic } from '../../values/index.ts';
import { digestEntries, hllMerge } from '../../values/sketch.ts';

export interface Accumulator {
  add(args: readonly KqlValue[], row: readonly KqlValue[]): void;
  result(): KqlValue;
  /** arg_max/arg_min: the row chosen, or null when none. */
  chosen?(): readonly KqlValue[] | null;
}

export type AccumulatorFactory = () => Accumulator;
type Define = (argTypes: readonly KqlType[], resultType: KqlType) => AccumulatorFactory;

const isNull = (v: KqlValue | undefined): v is null | undefined => v === null || v === undefined;

function sumDefinition(conditional: boolean): Define {
  return (argTypes, resultType) => () => {
    let total: number | bigint = resultType === 'timespan' ? 0n : 0;
    let bigTotal: bigint | null = null;
    const integral = resultType === 'long' || resultType === 'int';
    return {
      add(args) {
        const v = args[0];
        if (isNull(v) || (conditional && args[1] !== true)) return;
        if (typeof total === 'bigint') total += typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
        else if (integral && (typeof v === 'bigint' || bigTotal !== null)) {
          bigTotal = (bigTotal ?? BigInt(total)) + BigInt(typeof v === 'bigint' ? v : Math.trunc(Number(v)));
        } else total += Number(v);
      },
      result() {
        if (bigTotal !== null) return wrapLong(bigTotal);
        if (integral && typeof total === 'number' && !Number.isSafeInteger(total)) return Math.trunc(total);
        return total;
      },
    };
  };
}

function avgDefinition(conditional: boolean): Define {
  return () => () => {
    let total = 0;
    let count = 0;
    return {
      add(args) {
        const v = args[0];
        if (isNull(v) || (conditional && args[1] !== true)) return;
        total += Number(v);
        count++;
      },
      result: () => (count === 0 ? NaN : total / count),
    };
  };
}

function extremeDefinition(sign: 1 | -1, conditional: boolean): Define {
  return () => () => {
    let best: KqlValue = null;
    return {
      add(args) {
        const v = args[0];
        if (isNull(v) || (conditional && args[1] !== true)) return;
        if (typeof v === 'number' && Number.isNaN(v)) return;
        if (best === null || compareNonNull(v, best) * sign > 0) best = v;
      },
      result: () => best,
    };
  };
}

function argExtremeDefinition(sign: 1 | -1): Define {
  return () => () => {
    let best: KqlValue = null;
    let row: readonly KqlValue[] | null = null;
    return {
      add(args, current) {
        const v = args[0];
        if (isNull(v)) {
          // Kusto still returns a row when the maximised value is null in every row of the group: the first.
          if (row === null) row = current;
          return;
        }
        if (best === null || compareNonNull(v, best) * sign > 0) {
          best = v;
          row = current;
        }
      },
      result: () => best,
      chosen: () => row,
    };
  };
}

function countDefinition(conditional: boolean): Define {
  return () => () => {
    let n = 0;
    return {
      add(args) {
        if (!conditional || args[0] === true) n++;
      },
      result: () => n,
    };
  };
}

function dcountDefinition(conditional: boolean): Define {
  return (argTypes) => () => {
    const seen = new Set<string>();
    const type = argTypes[0] ?? 'dynamic';
    return {
      add(args) {
        const v = args[0];
        if (isNull(v) || (conditional && args[1] !== true)) return;
        seen.add(groupKey(v, type));
      },
      result: () => seen.size,
    };
  };
}

/** make_set / make_list and their _if forms. The optional last numeric argument caps the size. */
function collectDefinition(options: { distinct: boolean; conditional: boolean; keepNulls: boolean }): Define {
  return (argTypes) => () => {
    const items: DynamicValue[] = [];
    const seen = new Set<string>();
    const type = argTypes[0] ?? 'dynamic';
    let limit = Infinity;
    const push = (value: DynamicValue): void => {
      if (items.length >= limit) return;
      if (options.distinct) {
        const key = groupKey(value, 'dynamic');
        if (seen.has(key)) return;
        seen.add(key);
      }
      items.push(value);
    };
    return {
      add(args) {
        const v = args[0];
        if (options.conditional && args[1] !== true) return;
        const limitArg = args[options.conditional ? 2 : 1];
        if (typeof limitArg === 'number') limit = limitArg;
        if (isNull(v) && !options.keepNulls) return;
        // make_set flattens dynamic arrays into their elements.
        if (options.distinct && Array.isArray(v)) for (const element of v) push(element);
        else push(toDynamic(v ?? null, type));
      },
      result: () => items,
    };
  };
}

function bagDefinition(conditional: boolean): Define {
  return () => () => {
    const bag = newBag();
    return {
      add(args) {
        const v = args[0];
        if (!isBag(v) || (conditional && args[1] !== true)) return;
        for (const key of Object.keys(v)) if (!(key in bag)) bag[key] = v[key] ?? null;
      },
      result: () => bag,
    };
  };
}

function takeAnyDefinition(): Define {
  return () => () => {
    let value: KqlValue = null;
    let found = false;
    return {
      add(args) {
        if (found) return;
        const v = args[0];
        if (isNull(v)) return;
        value = v;
        found = true;
      },
      result: () => value,
    };
  };
}

function percentileDefinition(): Define {
  return () => () => {
    const values: KqlValue[] = [];
    let percent = 50;
    return {
      add(args) {
        const v = args[0];
        if (typeof args[1] === 'number') percent = args[1];
        if (isNull(v)) return;
        values.push(v);
      },
      result() {
        if (values.length === 0) return null;
        values.sort(compareNonNull);
        // Nearest rank: the smallest value with at least `percent`% of values at or below it.
        const rank = Math.max(1, Math.ceil((percent / 100) * values.length));
        return values[Math.min(values.length, rank) - 1] ?? null;
      },
    };
  };
}

/** Nearest-rank percentile of (value, weight) pairs: the smallest value whose cumulative weight reaches p%. */
function weightedPercentile(sorted: readonly { v: KqlValue; w: number }[], total: number, percent: number): KqlValue {
  if (sorted.length === 0) return null;
  const target = Math.max((percent / 100) * total, Number.MIN_VALUE);
  let cumulative = 0;
  for (const item of sorted) {
    cumulative += item.w;
    if (cumulative >= target) return item.v;
  }
  return sorted[sorted.length - 1]?.v ?? null;
}

/**
 * percentilew(x, w, p), percentiles_array(x, p…|dynamic), percentilesw_array(x, w, p…|dynamic): `weighted` says
 * whether args[1] is the weight; `array` whether the result is the dynamic array of all percents.
 */
function percentilesDefinition(weighted: boolean, array: boolean): Define {
  return () => () => {
    const items: { v: KqlValue; w: number }[] = [];
    let total = 0;
    let percents: number[] = [];
    return {
      add(args) {
        const v = args[0];
        const w = weighted ? Number(args[1] ?? 0) : 1;
        if (percents.length === 0) {
          const rest = args.slice(weighted ? 2 : 1);
          percents = rest.flatMap((p) => (Array.isArray(p) ? p : [p])).filter((p): p is number => typeof p === 'number');
        }
        if (isNull(v) || !(w > 0)) return;
        items.push({ v, w });
        total += w;
      },
      result() {
        if (items.length === 0) return array ? [] : null;
        items.sort((a, b) => compareNonNull(a.v, b.v));
        const values = percents.map((p) => weightedPercentile(items, total, p));
        return array ? (values as DynamicValue[]) : (values[0] ?? null);
      },
    };
  };
}

/** covariance(x, y) (sample) / covariancep (population), optionally with a predicate. */
function covarianceDefinition(population: boolean, conditional: boolean): Define {
  return () => () => {
    let n = 0;
    let meanX = 0;
    let meanY = 0;
    let c = 0;
    return {
      add(args) {
        const [x, y] = args;
        if (isNull(x) || isNull(y) || (conditional && args[2] !== true)) return;
        const nx = Number(x);
        const ny = Number(y);
        n++;
        const dx = nx - meanX;
        meanX += dx / n;
        meanY += (ny - meanY) / n;
        c += dx * (ny - meanY);
      },
      result() {
        const divisor = population ? n : n - 1;
        return n === 0 || divisor <= 0 ? 0 : c / divisor;
      },
    };
  };
}

/** binary_all_and / binary_all_or / binary_all_xor over longs (64-bit two's complement). */
function binaryAllDefinition(op: 'and' | 'or' | 'xor'): Define {
  return () => () => {
    let acc: bigint | null = null;
    return {
      add(args) {
        const v = args[0];
        if (typeof v !== 'number' && typeof v !== 'bigint') return;
        const b = BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(v)));
        if (acc === null) acc = b;
        else acc = op === 'and' ? acc & b : op === 'or' ? acc | b : acc ^ b;
      },
      result: () => (acc === null ? null : wrapLong(BigInt.asIntN(64, acc))),
    };
  };
}

function varianceDefinition(population: boolean, root: boolean, conditional: boolean): Define {
  return () => () => {
    let count = 0;
    let mean = 0;
    let m2 = 0;
    return {
      add(args) {
        const v = args[0];
        if (isNull(v) || (conditional && args[1] !== true)) return;
        const x = Number(v);
        count++;
        const delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
      },
      result() {
        const divisor = population ? count : count - 1;
        if (count === 0) return 0;
        if (divisor <= 0) return 0;
        const variance = m2 / divisor;
        return root ? Math.sqrt(variance) : variance;
      },
    };
  };
}

const DEFINITIONS: Readonly<Record<string, Define>> = {
  count: countDefinition(false),
  countif: countDefinition(true),
  dcount: dcountDefinition(false),
  dcountif: dcountDefinition(true),
  sum: sumDefinition(false),
  sumif: sumDefinition(true),
  avg: avgDefinition(false),
  avgif: avgDefinition(true),
  min: extremeDefinition(-1, false),
  max: extremeDefinition(1, false),
  minif: extremeDefinition(-1, true),
  maxif: extremeDefinition(1, true),
  arg_max: argExtremeDefinition(1),
  arg_min: argExtremeDefinition(-1),
  make_set: collectDefinition({ distinct: true, conditional: false, keepNulls: false }),
  make_set_if: collectDefinition({ distinct: true, conditional: true, keepNulls: false }),
  make_list: collectDefinition({ distinct: false, conditional: false, keepNulls: false }),
  make_list_if: collectDefinition({ distinct: false, conditional: true, keepNulls: false }),
  make_list_with_nulls: collectDefinition({ distinct: false, conditional: false, keepNulls: true }),
  make_bag: bagDefinition(false),
  make_bag_if: bagDefinition(true),
  take_any: takeAnyDefinition(),
  percentile: percentileDefinition(),
  stdev: varianceDefinition(false, true, false),
  stdevif: varianceDefinition(false, true, true),
  stdevp: varianceDefinition(true, true, false),
  variance: varianceDefinition(false, false, false),
  varianceif: varianceDefinition(false, false, true),
  variancep: varianceDefinition(true, false, false),
  variancepif: varianceDefinition(true, false, true),
  percentilew: percentilesDefinition(true, false),
  percentiles_array: percentilesDefinition(false, true),
  percentilesw_array: percentilesDefinition(true, true),
  covariance: covarianceDefinition(false, false),
  covarianceif: covarianceDefinition(false, true),
  covariancep: covarianceDefinition(true, false),
  covariancepif: covarianceDefinition(true, true),
  hll: hllDefinition(false),
  hll_merge: hllDefinition(true),
  tdigest: tdigestDefinition(false),
  tdigest_merge: tdigestDefinition(true),
  buildschema: buildschemaDefinition(),
  binary_all_and: binaryAllDefinition('and'),
  binary_all_or: binaryAllDefinition('or'),
  binary_all_xor: binaryAllDefinition('xor'),
};

const ALIASES: Readonly<Record<string, string>> = {
  makeset: 'make_set',
  makelist: 'make_list',
  make_bag: 'make_bag',
  any: 'take_any',
  anyif: 'take_any',
  dcountif: 'dcountif',
  makebag: 'make_bag',
  argmax: 'arg_max',
  argmin: 'arg_min',
};

/** hll(x) / hll_merge(h): the exact distinct set (see values/sketch.ts); null over zero rows. */
function hllDefinition(merge: boolean): Define {
  return (argTypes) => () => {
    const items: DynamicValue[] = [];
    const seen = new Set<string>();
    const type = argTypes[0] ?? 'dynamic';
    let any = false;
    const key = (v: DynamicValue): string => groupKey(v, 'dynamic');
    return {
      add(args) {
        const v = args[0];
        if (isNull(v)) return;
        any = true;
        if (merge) hllMerge(items, seen, toDynamic(v, type), key);
        else hllMerge(items, seen, [toDynamic(v, type)], key);
      },
      result: () => (any ? items : null),
    };
  };
}

/** tdigest(x[, w]) / tdigest_merge(t): the exact `[value, weight]` pairs (see values/sketch.ts); null over zero rows. */
function tdigestDefinition(merge: boolean): Define {
  return () => () => {
    const entries: DynamicValue[] = [];
    let any = false;
    return {
      add(args) {
        const v = args[0];
        if (isNull(v)) return;
        if (merge) {
          if (!Array.isArray(v)) return;
          any = true;
          for (const [value, weight] of digestEntries(v)) entries.push([value, weight]);
          return;
        }
        if (typeof v !== 'number' && typeof v !== 'bigint') return;
        const w = args[1];
        const weight = w === undefined ? 1 : Number(w);
        if (w === null || !Number.isFinite(weight)) return;
        any = true;
        entries.push([typeof v === 'bigint' ? normalizeLong(v) : v, weight]);
      },
      result: () => (any ? entries : null),
    };
  };
}

/** buildschema(d): the union schema of dynamic values (`{"key": "long"}`, arrays as `` {"`indexer`": …} ``). */
function buildschemaDefinition(): Define {
  return (argTypes) => () => {
    let schema: DynamicValue | undefined;
    const type = argTypes[0] ?? 'dynamic';
    return {
      add(args) {
        const v = args[0];
        if (isNull(v)) return;
        const s = schemaOf(toDynamic(v, type));
        if (s === null) return;
        schema = schema === undefined ? s : mergeSchema(schema, s);
      },
      result: () => schema ?? null,
    };
  };
}

function schemaOf(v: DynamicValue): DynamicValue {
  if (v === null) return null;
  if (Array.isArray(v)) {
    let element: DynamicValue | undefined;
    for (const item of v) {
      const s = schemaOf(item);
      if (s !== null) element = element === undefined ? s : mergeSchema(element, s);
    }
    const bag = newBag();
    bag['`indexer`'] = element ?? null;
    return bag;
  }
  if (isBag(v)) {
    const bag = newBag();
    for (const [k, item] of Object.entries(v)) {
      const s = schemaOf(item);
      if (s !== null) bag[k] = s;
    }
    return bag;
  }
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return 'long';
  if (typeof v === 'number') return 'double';
  return 'string';
}

function mergeSchema(a: DynamicValue, b: DynamicValue): DynamicValue {
  if (isBag(a) && isBag(b)) {
    const bag = newBag();
    for (const [k, v] of Object.entries(a)) bag[k] = v;
    for (const [k, v] of Object.entries(b)) bag[k] = k in bag ? mergeSchema(bag[k] ?? null, v) : v;
    return bag;
  }
  const options = [...(Array.isArray(a) ? a : [a])];
  for (const item of Array.isArray(b) ? b : [b]) {
    const key = groupKey(item, 'dynamic');
    const same = options.findIndex((o) => groupKey(o, 'dynamic') === key);
    if (same >= 0) continue;
    const bagAt = isBag(item) ? options.findIndex((o) => isBag(o)) : -1;
    if (bagAt >= 0) options[bagAt] = mergeSchema(options[bagAt] ?? null, item);
    else options.push(item);
  }
  return options.length === 1 ? (options[0] ?? null) : options;
}

export const AGGREGATE_NAMES: ReadonlySet<string> = new Set(Object.keys(DEFINITIONS));

export function canonicalAggregateName(name: string): string {
  return ALIASES[name] ?? name;
}

export function accumulatorFactory(name: string, argTypes: readonly KqlType[], resultType: KqlType): AccumulatorFactory | undefined {
  return DEFINITIONS[name]?.(argTypes, resultType);
}
