/** mv-expand: arrays expand element-wise (shorter arrays pad with null); bags expand to one-key bags. */
import type { DynamicValue, KqlValue } from '../../values/value.ts';
import { isBag, newBag } from '../../values/value.ts';
import type { TabularPlan } from '../plan.ts';
import { convertTo, toDynamicValue as toDynamic } from '../../values/index.ts';
import type { KqlType } from '../../../schema/types.ts';
import { NO_LINEAGE, RuntimeError, rowLimitExceeded, type CompileEnv, type RowLineage, type TableFunction } from './runtime.ts';
import { compileScalar } from './scalar.ts';
import { groupKey } from '../ops/compare.ts';
import { compileTabular } from './tabular.ts';

export function elementsOf(value: KqlValue, bagAsArray: boolean, type: string): DynamicValue[] {
  if (Array.isArray(value)) return value;
  if (isBag(value)) {
    return Object.keys(value).map((key) => {
      if (bagAsArray) return [key, value[key] ?? null];
      const bag = newBag();
      bag[key] = value[key] ?? null;
      return bag;
    });
  }
  if (value === null || value === undefined) return [];
  return [toDynamic(value, type === 'dynamic' ? 'dynamic' : (type as 'string'))];
}

/** An expanded element converted to the column's type (`to typeof(T)`): Kusto's conversion rules, null on failure. */
export function convertElement(value: DynamicValue, type: string): KqlValue {
  if (type === 'dynamic') return value;
  if (value === null) return type === 'string' ? '' : null;
  return convertTo(value, 'dynamic', type as KqlType);
}

export function compileMvExpand(plan: Extract<TabularPlan, { kind: 'mv-expand' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const expanded = plan.expanded.map((e) => compileScalar(e, env));
  const types = plan.expanded.map((e) => e.type);
  const { outputs, columns, bagExpansionArray, limit } = plan;
  return () => {
    const rows: (readonly KqlValue[])[] = [];
    const source = input();
    const inLineage = source.lineage;
    const lineage: RowLineage[] | undefined = inLineage ? [] : undefined;
    for (let r = 0; r < source.rows.length; r++) {
      const row = source.rows[r] as (readonly KqlValue[]);
      const arrays = expanded.map((e, i) => elementsOf(e(row), bagExpansionArray, types[i] ?? 'dynamic'));
      let length = 0;
      for (const a of arrays) length = Math.max(length, a.length);
      if (limit !== null) length = Math.min(length, limit);
      if (rows.length + length > env.run.intermediateRowLimit) throw rowLimitExceeded('mv-expand', env.run);
      for (let index = 0; index < length; index++) {
        if (lineage) lineage.push(inLineage?.[r] ?? NO_LINEAGE);
        rows.push(
          outputs.map((o) => {
            if (o.kind === 'input') return row[o.index] ?? null;
            if (o.kind === 'item-index') return index;
            const element = arrays[o.which]?.[index];
            return element === undefined ? (o.type === 'string' ? '' : null) : convertElement(element, o.type);
          }),
        );
      }
    }
    return lineage ? { columns, rows, lineage } : { columns, rows };
  };
}

/** mv-apply: the subquery runs once per input row on that row's expansion (a slot table). */
export function compileMvApply(plan: Extract<TabularPlan, { kind: 'mv-apply' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const expanded = plan.expanded.map((e) => compileScalar(e, env));
  const types = plan.expanded.map((e) => e.type);
  const subquery = compileTabular(plan.subquery, env);
  const { outputs, columns, rowTableColumns, rowTableOutputs, slot, limit } = plan;
  const width = outputs.length;
  return () => {
    const rows: (readonly KqlValue[])[] = [];
    for (const row of input().rows) {
      const arrays = expanded.map((e, i) => elementsOf(e(row), false, types[i] ?? 'dynamic'));
      let length = 0;
      for (const a of arrays) length = Math.max(length, a.length);
      if (limit !== null) length = Math.min(length, limit);
      const rowTable: KqlValue[][] = [];
      for (let index = 0; index < length; index++) {
        rowTable.push(
          rowTableOutputs.map((o) => {
            if (o.kind === 'input') return row[o.index] ?? null;
            if (o.kind === 'item-index') return index;
            const element = arrays[o.which]?.[index];
            return element === undefined ? (o.type === 'string' ? '' : null) : convertElement(element, o.type);
          }),
        );
      }
      env.run.slots.set(slot, { columns: rowTableColumns, rows: rowTable });
      for (const subRow of subquery().rows) {
        const out: KqlValue[] = new Array<KqlValue>(width);
        for (let c = 0; c < width; c++) {
          const o = outputs[c] as { side: 'input' | 'sub'; index: number };
          out[c] = (o.side === 'sub' ? subRow[o.index] : row[o.index]) ?? null;
        }
        rows.push(out);
      }
      if (rows.length > env.run.intermediateRowLimit) throw rowLimitExceeded('mv-apply', env.run);
    }
    return { columns, rows };
  };
}

/** partition: the subquery once per distinct key value, on that key's rows (row identity kept). */
export function compilePartition(plan: Extract<TabularPlan, { kind: 'partition' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const key = compileScalar(plan.key, env);
  const keyType = plan.key.type;
  const subquery = compileTabular(plan.subquery, env);
  const { slot, columns } = plan;
  const inputColumns = plan.input.columns;
  return () => {
    const groups = new Map<string, (readonly KqlValue[])[]>();
    for (const row of input().rows) {
      const id = groupKey(key(row), keyType);
      const group = groups.get(id);
      if (group) group.push(row);
      else groups.set(id, [row]);
    }
    const rows: (readonly KqlValue[])[] = [];
    for (const group of groups.values()) {
      env.run.slots.set(slot, { columns: inputColumns, rows: group });
      for (const row of subquery().rows) rows.push(row);
    }
    return { columns, rows };
  };
}
