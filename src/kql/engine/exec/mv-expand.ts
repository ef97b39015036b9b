/** mv-expand: arrays expand element-wise (shorter arrays pad with null); bags expand to one-key bags. */
import type { DynamicValue, KqlValue } from '../../values/value.ts';
import { isBag, newBag } from '../../values/value.ts';
import type { TabularPlan } from '../plan.ts';
import { toDynamicValue as toDynamic } from '../../values/index.ts';
import type { CompileEnv, TableFunction } from './runtime.ts';
import { compileScalar } from './scalar.ts';
import { compileTabular } from './tabular.ts';

function elementsOf(value: KqlValue, bagAsArray: boolean, type: string): DynamicValue[] {
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

function convert(value: DynamicValue, type: string): KqlValue {
  if (value === null) return type === 'string' ? '' : null;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'long':
    case 'int':
    case 'real':
      return typeof value === 'number' || typeof value === 'bigint' ? value : typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : null;
    case 'bool':
      return typeof value === 'boolean' ? value : null;
    default:
      return value;
  }
}

export function compileMvExpand(plan: Extract<TabularPlan, { kind: 'mv-expand' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const expanded = plan.expanded.map((e) => compileScalar(e, env));
  const types = plan.expanded.map((e) => e.type);
  const { outputs, columns, bagExpansionArray, limit } = plan;
  return () => {
    const rows: (readonly KqlValue[])[] = [];
    for (const row of input().rows) {
      const arrays = expanded.map((e, i) => elementsOf(e(row), bagExpansionArray, types[i] ?? 'dynamic'));
      let length = 0;
      for (const a of arrays) length = Math.max(length, a.length);
      if (limit !== null) length = Math.min(length, limit);
      for (let index = 0; index < length; index++) {
        rows.push(
          outputs.map((o) => {
            if (o.kind === 'input') return row[o.index] ?? null;
            if (o.kind === 'item-index') return index;
            const element = arrays[o.which]?.[index];
            return element === undefined ? (o.type === 'string' ? '' : null) : convert(element, o.type);
          }),
        );
      }
    }
    return { columns, rows };
  };
}
