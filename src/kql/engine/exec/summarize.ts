/** summarize: hash grouping by the key values, one accumulator per aggregate per group. */
import type { KqlValue } from '../../values/value.ts';
import { accumulatorFactory, type Accumulator } from '../aggregates/registry.ts';
import { groupKey } from '../ops/compare.ts';
import type { TabularPlan } from '../plan.ts';
import { RuntimeError, type CompileEnv, type RowFunction, type TableFunction } from './runtime.ts';
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
    const groups = new Map<string, { keyValues: KqlValue[]; accumulators: Accumulator[] }>();
    const order: { keyValues: KqlValue[]; accumulators: Accumulator[] }[] = [];
    const newGroup = (keyValues: KqlValue[]) => {
      const group = { keyValues, accumulators: aggregates.map((a) => a.factory()) };
      order.push(group);
      return group;
    };
    if (noKeys) groups.set('', newGroup([]));
    for (const row of source.rows) {
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
    return { columns, rows };
  };
}
