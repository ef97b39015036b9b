/**
 * evaluate bag_unpack: each top-level key of the bags becomes a column (sorted by name, after the input's columns,
 * the bag column dropped). With an output schema the columns are fixed and values convert to their types.
 */
import type { KqlType } from '../../../schema/types.ts';
import { convertTo } from '../../values/index.ts';
import type { DynamicValue, KqlValue } from '../../values/value.ts';
import { isBag } from '../../values/value.ts';
import type { Column, TabularPlan } from '../plan.ts';
import { RuntimeError, type CompileEnv, type TableFunction } from './runtime.ts';
import { compileTabular } from './tabular.ts';

function fromDynamic(value: DynamicValue | undefined, type: KqlType): KqlValue {
  if (value === undefined || value === null) return type === 'string' ? '' : null;
  return type === 'dynamic' ? value : convertTo(value, 'dynamic', type);
}

export function compileBagUnpack(plan: Extract<TabularPlan, { kind: 'bag-unpack' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const { column, prefix, conflict, dynamicColumns } = plan;
  const ignored = new Set(plan.ignored);
  const inputColumns = plan.input.columns;
  const kept = inputColumns.map((_, i) => i).filter((i) => i !== column);
  const bagOf = (row: readonly KqlValue[]): Record<string, DynamicValue> | undefined => {
    const v = row[column];
    return isBag(v) ? v : undefined;
  };
  if (!dynamicColumns) {
    const columns = plan.columns;
    const sources = columns.map((c): { input: number } | { key: string } => {
      const input = kept.find((i) => inputColumns[i]?.name === c.name);
      return input !== undefined ? { input } : { key: c.name.startsWith(prefix) ? c.name.slice(prefix.length) : c.name };
    });
    return () => {
      const rows = input().rows.map((row) => {
        const bag = bagOf(row);
        return sources.map((s, c) => {
          if ('input' in s) return row[s.input] ?? null;
          const type = columns[c]?.type ?? 'dynamic';
          return fromDynamic(bag && !ignored.has(s.key) && Object.prototype.hasOwnProperty.call(bag, s.key) ? bag[s.key] : undefined, type);
        });
      });
      return { columns, rows };
    };
  }
  return () => {
    const source = input().rows;
    const keys = new Set<string>();
    for (const row of source) {
      const bag = bagOf(row);
      if (bag) for (const key of Object.keys(bag)) if (!ignored.has(key)) keys.add(key);
    }
    const columns: Column[] = kept.map((i) => inputColumns[i] as Column);
    // Per output column: an input column index, or a bag key (replacing an input column keeps its place).
    const sources: ({ input: number } | { key: string; type?: KqlType })[] = kept.map((i) => ({ input: i }));
    for (const key of [...keys].sort()) {
      const name = prefix + key;
      const existing = columns.findIndex((c) => c.name === name);
      if (existing >= 0) {
        if (conflict === 'keep_source') continue;
        if (conflict === 'error') throw new RuntimeError(`bag_unpack: the column \`${name}\` already exists (use columnsConflict)`);
        // The replaced column keeps its place and type (the bag's values convert to it).
        sources[existing] = { key, type: columns[existing]?.type ?? 'dynamic' };
        continue;
      }
      columns.push({ name, type: 'dynamic' });
      sources.push({ key });
    }
    const rows = source.map((row) => {
      const bag = bagOf(row);
      return sources.map((s) => {
        if ('input' in s) return row[s.input] ?? null;
        const value = bag && Object.prototype.hasOwnProperty.call(bag, s.key) ? (bag[s.key] ?? null) : null;
        return s.type ? fromDynamic(value, s.type) : value;
      });
    });
    return { columns, rows };
  };
}
