/** summarize: hash grouping by the key values, one accumulator per aggregate per group. */
import { toDynamicValue } from '../../values/index.ts';
import type { DynamicValue, KqlValue } from '../../values/value.ts';
import { accumulatorFactory, type Accumulator, type AccumulatorFactory } from '../aggregates/registry.ts';
import { compareForSort, groupKey } from '../ops/compare.ts';
import type { AggregateCall, TabularPlan } from '../plan.ts';
import { NO_LINEAGE, RuntimeError, type CompileEnv, type RowFunction, type RowLineage, type SourceRef, type TableFunction } from './runtime.ts';
import { compileScalar } from './scalar.ts';
import { compileTabular } from './tabular.ts';

type Row = readonly KqlValue[];

export function compileSummarize(plan: Extract<TabularPlan, { kind: 'summarize' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const keys = plan.keys.map((k) => compileScalar(k, env));
  const keyTypes = plan.keys.map((k) => k.type);
  const aggregates = plan.aggregates.map((aggregate) => {
    const resultOutput = aggregate.outputs[0];
    const resultType = resultOutput?.kind === 'result' ? resultOutput.type : 'dynamic';
    const factory = accumulatorFactory(aggregate.name, aggregate.argTypes, resultType);
    if (!factory) throw new RuntimeError(`aggregate ${aggregate.name} is not available`);
    return {
      factory,
      args: aggregate.args.map((a) => compileScalar(a, env)),
      chosen: aggregate.outputs.map((o) => (o.kind === 'chosen-row' ? compileScalar(o.expr, env) : undefined)),
    };
  });
  const outputs = plan.outputs.map((o) => compileScalar(o, env));
  const columns = plan.columns;
  const noKeys = keys.length === 0;
  return () => {
    const source = input();
    const groups = new Map<string, { keyValues: KqlValue[]; accumulators: Accumulator[]; members?: number[] }>();
    const order: { keyValues: KqlValue[]; accumulators: Accumulator[]; members?: number[] }[] = [];
    const inLineage = env.run.lineage ? source.lineage : undefined;
    const newGroup = (keyValues: KqlValue[]) => {
      const group: { keyValues: KqlValue[]; accumulators: Accumulator[]; members?: number[] } = { keyValues, accumulators: aggregates.map((a) => a.factory()) };
      if (inLineage) group.members = [];
      order.push(group);
      return group;
    };
    if (noKeys) groups.set('', newGroup([]));
    for (let r = 0; r < source.rows.length; r++) {
      const row = source.rows[r] as Row;
      let group;
      if (noKeys) group = order[0];
      else {
        const keyValues = keys.map((k) => k(row));
        const id = keyValues.map((v, i) => groupKey(v, keyTypes[i] ?? 'dynamic')).join('\u0001');
        group = groups.get(id);
        if (!group) {
          group = newGroup(keyValues);
          groups.set(id, group);
        }
      }
      if (!group) continue;
      if (group.members) group.members.push(r);
      for (let a = 0; a < aggregates.length; a++) {
        const aggregate = aggregates[a];
        if (!aggregate) continue;
        (group.accumulators[a] as Accumulator).add(aggregate.args.map((arg) => arg(row)), row);
      }
    }
    const rows: Row[] = order.map((group) => {
      const intermediate: KqlValue[] = [...group.keyValues];
      group.accumulators.forEach((accumulator, a) => {
        const aggregate = aggregates[a];
        if (!aggregate) return;
        const chosenRow = accumulator.chosen?.() ?? null;
        aggregate.chosen.forEach((fn: RowFunction | undefined) => {
          if (!fn) intermediate.push(accumulator.result());
          else intermediate.push(chosenRow ? fn(chosenRow) : null);
        });
      });
      return outputs.map((o) => o(intermediate));
    });
    if (inLineage) {
      // Every contributing row is a source of its group's row.
      const lineage: RowLineage[] = order.map((group) => {
        const members = group.members ?? [];
        const sources: SourceRef[] = [];
        let sub: string | undefined = members.length > 0 ? inLineage[members[0] as number]?.sub : undefined;
        for (const m of members) {
          const entry = inLineage[m] ?? NO_LINEAGE;
          for (const s of entry.sources) sources.push(s);
          if (entry.sub !== sub) sub = undefined;
        }
        return { sources, sub };
      });
      return { columns, rows, lineage };
    }
    return { columns, rows };
  };
}

function topNestedFactory(aggregate: AggregateCall): AccumulatorFactory {
  const output = aggregate.outputs[0];
  const factory = accumulatorFactory(aggregate.name, aggregate.argTypes, output?.kind === 'result' ? output.type : 'dynamic');
  if (!factory) throw new RuntimeError(`the aggregate ${aggregate.name}() is not available`);
  return factory;
}

/** top-nested: group by each level's key within the previous level's group, keep the top N by the aggregate. */
export function compileTopNested(plan: Extract<TabularPlan, { kind: 'top-nested' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const levels = plan.levels.map((level) => ({
    count: level.count ? compileScalar(level.count, env) : undefined,
    key: compileScalar(level.key, env),
    keyType: level.key.type,
    args: level.aggregate.args.map((a) => compileScalar(a, env)),
    factory: topNestedFactory(level.aggregate),
    descending: level.descending,
  }));
  const columns = plan.columns;
  return () => {
    const out: KqlValue[][] = [];
    const visit = (rows: readonly (readonly KqlValue[])[], depth: number, prefix: KqlValue[]): void => {
      const level = levels[depth];
      if (!level) {
        out.push(prefix);
        return;
      }
      const groups = new Map<string, { key: KqlValue; rows: (readonly KqlValue[])[] }>();
      for (const row of rows) {
        const key = level.key(row);
        const id = groupKey(key, level.keyType);
        const group = groups.get(id);
        if (group) group.rows.push(row);
        else groups.set(id, { key, rows: [row] });
      }
      const ranked = [...groups.values()].map((group) => {
        const accumulator = level.factory();
        for (const row of group.rows) accumulator.add(level.args.map((a) => a(row)), row);
        return { ...group, value: accumulator.result() };
      });
      ranked.sort((a, b) => {
        if (a.value === null || b.value === null) return compareForSort(a.value, b.value, false);
        const c = compareForSort(a.value, b.value, false);
        return level.descending ? -c : c;
      });
      const limit = level.count ? Number(level.count([]) ?? ranked.length) : ranked.length;
      for (const group of ranked.slice(0, Math.max(0, limit))) visit(group.rows, depth + 1, [...prefix, group.key, group.value]);
    };
    visit(input().rows, 0, []);
    return { columns, rows: out };
  };
}

/** make-series: spreads the (keys, bin, values…) rows of its summarize into one array per series, defaults elsewhere. */
export function compileMakeSeries(plan: Extract<TabularPlan, { kind: 'make-series' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const from = plan.from ? compileScalar(plan.from, env) : undefined;
  const to = plan.to ? compileScalar(plan.to, env) : undefined;
  const step = compileScalar(plan.step, env);
  const { keyCount, valueCount, defaults, nonEmpty, columns, valueTypes, axisType } = plan;
  const keyTypes = plan.input.columns.slice(0, keyCount).map((c) => c.type);
  return () => {
    const source = input().rows;
    const stepValue = step([]);
    let start = from ? from([]) : null;
    let end = to ? to([]) : null;
    if (start === null || end === null) {
      for (const row of source) {
        const b = row[keyCount] ?? null;
        if (b === null) continue;
        if (!from && (start === null || compareForSort(b, start, true) < 0)) start = b;
        if (!to && (end === null || compareForSort(b, end, true) >= 0)) end = typeof b === 'bigint' && typeof stepValue === 'bigint' ? b + stepValue : Number(b) + Number(stepValue);
      }
    }
    if (start === null || end === null || stepValue === null) return { columns, rows: [] };
    const big = typeof start === 'bigint';
    const s = big ? BigInt(start as bigint) : Number(start);
    const e = big ? BigInt(end as bigint) : Number(end);
    const st = big ? BigInt(stepValue as bigint) : Number(stepValue);
    if ((big && (st as bigint) <= 0n) || (!big && !((st as number) > 0))) throw new RuntimeError('make-series: step must be positive');
    const count = big ? Number(((e as bigint) - (s as bigint) + (st as bigint) - 1n) / (st as bigint)) : Math.ceil(((e as number) - (s as number)) / (st as number));
    const bins = Math.max(0, count);
    if (bins > env.run.rowLimit) throw new RuntimeError('make-series: too many bins');
    const indexOf = (b: KqlValue): number => {
      if (b === null) return -1;
      const i = big ? Number((BigInt(b as bigint) - (s as bigint)) / (st as bigint)) : Math.floor((Number(b) - (s as number)) / (st as number));
      return i >= 0 && i < bins ? i : -1;
    };
    const groups = new Map<string, { keys: KqlValue[]; series: DynamicValue[][] }>();
    const newSeries = (): DynamicValue[][] => defaults.map((d, v) => new Array<DynamicValue>(bins).fill(toDynamicValue(d, valueTypes[v] ?? 'real')));
    for (const row of source) {
      const i = indexOf(row[keyCount] ?? null);
      if (i < 0) continue;
      const keys = row.slice(0, keyCount) as KqlValue[];
      const id = keys.map((k, j) => groupKey(k, keyTypes[j] ?? 'dynamic')).join('\u0001');
      let group = groups.get(id);
      if (!group) {
        group = { keys, series: newSeries() };
        groups.set(id, group);
      }
      for (let v = 0; v < valueCount; v++) (group.series[v] as DynamicValue[])[i] = toDynamicValue(row[keyCount + 1 + v] ?? null, valueTypes[v] ?? 'real');
    }
    if (groups.size === 0 && nonEmpty && keyCount === 0) groups.set('', { keys: [], series: newSeries() });
    const axis: DynamicValue[] = [];
    for (let i = 0; i < bins; i++) {
      const value = big ? (s as bigint) + BigInt(i) * (st as bigint) : (s as number) + i * (st as number);
      axis.push(toDynamicValue(value, axisType));
    }
    const rows = [...groups.values()].map((g) => [...g.keys, ...g.series, axis.slice()]);
    return { columns, rows };
  };
}
