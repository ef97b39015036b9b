/** `evaluate pivot`: group by the keys, one column per distinct pivot value (sorted by name) holding the aggregate. */
import { accumulatorFactory, type Accumulator } from '../aggregates/registry.ts';
import { groupKey } from '../ops/compare.ts';
import { toKqlString } from '../../values/index.ts';
import type { KqlValue } from '../../values/value.ts';
import type { Column, TabularPlan } from '../plan.ts';
import { RuntimeError, type CompileEnv, type TableFunction } from './runtime.ts';
import { compileScalar } from './scalar.ts';
import { compileTabular } from './tabular.ts';

export function compilePivot(plan: Extract<TabularPlan, { kind: 'pivot' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const keys = plan.keys.map((k) => compileScalar(k, env));
  const keyTypes = plan.keys.map((k) => k.type);
  const pivot = compileScalar(plan.pivot, env);
  const pivotType = plan.pivot.type;
  const args = plan.aggregate.args.map((a) => compileScalar(a, env));
  const output = plan.aggregate.outputs[0];
  const resultType = output?.kind === 'result' ? output.type : 'dynamic';
  const factory = accumulatorFactory(plan.aggregate.name, plan.aggregate.argTypes, resultType);
  if (!factory) throw new RuntimeError(`the aggregate ${plan.aggregate.name}() is not available`);
  const keyColumns = plan.columns;
  return () => {
    const source = input();
    const groups = new Map<string, { keys: KqlValue[]; cells: Map<string, Accumulator> }>();
    const names = new Set<string>();
    for (const row of source.rows) {
      const keyValues = keys.map((k) => k(row));
      const id = keyValues.map((v, i) => groupKey(v, keyTypes[i] ?? 'dynamic')).join('\u0001');
      let group = groups.get(id);
      if (!group) {
        group = { keys: keyValues, cells: new Map() };
        groups.set(id, group);
      }
      const name = toKqlString(pivot(row), pivotType);
      names.add(name);
      let cell = group.cells.get(name);
      if (!cell) {
        cell = factory();
        group.cells.set(name, cell);
      }
      cell.add(args.map((a) => a(row)), row);
    }
    const sorted = [...names].sort();
    const empty = factory().result();
    const columns: Column[] = [...keyColumns, ...sorted.map((name) => ({ name, type: resultType }))];
    const rows = [...groups.values()].map((g) => [...g.keys, ...sorted.map((name) => g.cells.get(name)?.result() ?? empty)]);
    return { columns, rows };
  };
}
