/** union: each input's rows re-laid out to the union's columns (missing → null, "" for strings). */
import type { KqlValue } from '../../values/value.ts';
import type { TabularPlan } from '../plan.ts';
import { NO_LINEAGE, type CompileEnv, type RowLineage, type TableFunction } from './runtime.ts';
import { compileTabular } from './tabular.ts';

export function compileUnion(plan: Extract<TabularPlan, { kind: 'union' }>, env: CompileEnv): TableFunction {
  const inputs = plan.inputs.map((i) => compileTabular(i, env));
  const { columnMaps, columns, source } = plan;
  const defaults = columns.map((c) => (c.type === 'string' ? '' : null));
  return () => {
    const rows: (readonly KqlValue[])[] = [];
    const lineage: RowLineage[] | undefined = env.run.lineage ? [] : undefined;
    inputs.forEach((input, i) => {
      const map = columnMaps[i] ?? [];
      const identity = !source && map.length === (plan.inputs[i]?.columns.length ?? -1) && map.every((m, c) => m === c);
      const table = input();
      if (lineage) {
        // A leg's rows belong to its sub-detection unless an inner union or join already named them.
        const leg = plan.inputs[i];
        const name = leg ? env.subdetectionNames.get(leg) : undefined;
        for (let r = 0; r < table.rows.length; r++) {
          const entry = table.lineage?.[r] ?? NO_LINEAGE;
          lineage.push(entry.sub === undefined && name !== undefined ? { sources: entry.sources, sub: name } : entry);
        }
      }
      for (const row of table.rows) {
        if (identity) {
          rows.push(row);
          continue;
        }
        const out = map.map((m, c) => (m >= 0 ? (row[m] ?? null) : (defaults[c] ?? null)));
        if (source) out[source.index] = source.names[i] ?? '';
        rows.push(out);
      }
    });
    return lineage ? { columns, rows, lineage } : { columns, rows };
  };
}
