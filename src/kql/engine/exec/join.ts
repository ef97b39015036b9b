/**
 * Hash join on equality keys. innerunique keeps the first left row per key (Kusto keeps an arbitrary one) and then
 * joins it with every matching right row. Null keys never match. Unmatched outer sides get nulls ("" for strings).
 */
import type { KqlValue } from '../../values/value.ts';
import { groupKey } from '../ops/compare.ts';
import type { TabularPlan } from '../plan.ts';
import { rowLimitExceeded, type CompileEnv, type RowFunction, type TableFunction } from './runtime.ts';
import { compileScalar } from './scalar.ts';
import { compileTabular } from './tabular.ts';

type Row = readonly KqlValue[];

function keyFunction(exprs: readonly RowFunction[], types: readonly string[]): (row: Row) => string | null {
  return (row) => {
    let key = '';
    for (let i = 0; i < exprs.length; i++) {
      const v = (exprs[i] as RowFunction)(row);
      if (v === null || v === undefined) return null;
      key += `${groupKey(v, types[i] === 'string' ? 'string' : 'long')}\u0001`;
    }
    return key;
  };
}

export function compileJoin(plan: Extract<TabularPlan, { kind: 'join' }>, env: CompileEnv): TableFunction {
  const left = compileTabular(plan.left, env);
  const right = compileTabular(plan.right, env);
  const leftKey = keyFunction(plan.leftKeys.map((k) => compileScalar(k, env)), plan.leftKeys.map((k) => k.type));
  const rightKey = keyFunction(plan.rightKeys.map((k) => compileScalar(k, env)), plan.rightKeys.map((k) => k.type));
  const { joinKind, outputs, columns } = plan;
  const leftNulls: KqlValue[] = plan.left.columns.map((c) => (c.type === 'string' ? '' : null));
  const rightNulls: KqlValue[] = plan.right.columns.map((c) => (c.type === 'string' ? '' : null));
  const combine = (l: Row, r: Row): Row => outputs.map((o) => (o.side === 'left' ? l[o.index] : r[o.index]) ?? null);

  return () => {
    let leftRows = left().rows;
    const rightRows = right().rows;
    if (joinKind === 'innerunique') {
      const seen = new Set<string>();
      leftRows = leftRows.filter((row) => {
        const key = leftKey(row);
        if (key === null) return false;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    const rightByKey = new Map<string, Row[]>();
    for (const row of rightRows) {
      const key = rightKey(row);
      if (key === null) continue;
      const bucket = rightByKey.get(key);
      if (bucket) bucket.push(row);
      else rightByKey.set(key, [row]);
    }
    const rows: Row[] = [];
    const matchedRight = new Set<Row>();
    for (const l of leftRows) {
      const key = leftKey(l);
      const matches = key === null ? undefined : rightByKey.get(key);
      switch (joinKind) {
        case 'leftsemi':
          if (matches) rows.push(l);
          break;
        case 'leftanti':
          if (!matches) rows.push(l);
          break;
        case 'rightsemi':
        case 'rightanti':
          if (matches) for (const r of matches) matchedRight.add(r);
          break;
        default:
          if (matches) {
            for (const r of matches) {
              rows.push(combine(l, r));
              matchedRight.add(r);
            }
            if (rows.length > env.run.intermediateRowLimit) throw rowLimitExceeded('join', env.run);
          } else if (joinKind === 'leftouter' || joinKind === 'fullouter') rows.push(combine(l, rightNulls));
      }
    }
    if (joinKind === 'rightsemi') for (const r of rightRows) if (matchedRight.has(r)) rows.push(r);
    if (joinKind === 'rightanti') for (const r of rightRows) if (!matchedRight.has(r)) rows.push(r);
    if (joinKind === 'rightouter' || joinKind === 'fullouter') {
      for (const r of rightRows) if (!matchedRight.has(r)) rows.push(combine(leftNulls, r));
    }
    return { columns, rows };
  };
}
