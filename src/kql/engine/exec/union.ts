/** union: each input's rows re-laid out to the union's columns (missing → null, "" for strings). */
import type { KqlValue } from '../../values/value.ts';
import type { TabularPlan } from '../plan.ts';
import type { CompileEnv, TableFunction } from './runtime.ts';
import { compileTabular } from './tabular.ts';

export function compileUnion(plan: Extract<TabularPlan, { kind: 'union' }>, env: CompileEnv): TableFunction {
  const inputs = plan.inputs.map((i) => compileTabular(i, env));
  const { columnMaps, columns, source } = plan;
  const defaults = columns.map((c) => (c.type === 'string' ? '' : null));
  return () => {
    const rows: (readonly KqlValue[])[] = [];
    inputs.forEach((input, i) => {
      const map = columnMaps[i] ?? [];
      const identity = !source && map.length === (plan.inputs[i]?.columns.length ?? -1) && map.every((m, c) => m === c);
      for (const row of input().rows) {
        if (identity) {
          rows.push(row);
          continue;
        }
        const out = map.map((m, c) => (m >= 0 ? (row[m] ?? null) : (defaults[c] ?? null)));
        if (source) out[source.index] = source.names[i] ?? '';
        rows.push(out);
      }
    });
    return { columns, rows };
  };
}
