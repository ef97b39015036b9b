/**
 * Hash join on equality keys. innerunique keeps the first left row per key (Kusto keeps an arbitrary one) and then
 * joins it with every matching right row. Null keys never match. Unmatched outer sides get nulls ("" for strings).
 */
import type { KqlValue } from '../../values/value.ts';
import { groupKey } from '../ops/compare.ts';
import type { TabularPlan } from '../plan.ts';
import { NO_LINEAGE, rowLimitExceeded, type CompileEnv, type RowFunction, type RowLineage, type TableFunction } from './runtime.ts';
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
    const leftTable = left();
    const rightTable = right();
    const lineageOn = env.run.lineage === true;
    const leftLineage = leftTable.lineage;
    const rightLineage = rightTable.lineage;
    const name = lineageOn ? env.subdetectionNames.get(plan) : undefined;
    const both = (l: RowLineage, r: RowLineage): RowLineage => ({ sources: [...l.sources, ...r.sources], sub: name ?? (l.sub === r.sub ? l.sub : undefined) });
    const leftAt = (i: number): RowLineage => leftLineage?.[i] ?? NO_LINEAGE;
    const rightAt = (i: number): RowLineage => rightLineage?.[i] ?? NO_LINEAGE;
    const named = (l: RowLineage): RowLineage => (name !== undefined ? { sources: l.sources, sub: name } : l);
    const allLeft = leftTable.rows;
    const rightRows = rightTable.rows;
    let leftIndexes: number[] = allLeft.map((_, i) => i);
    if (joinKind === 'innerunique') {
      const seen = new Set<string>();
      leftIndexes = leftIndexes.filter((i) => {
        const key = leftKey(allLeft[i] as Row);
        if (key === null) return false;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    const rightByKey = new Map<string, number[]>();
    for (let i = 0; i < rightRows.length; i++) {
      const key = rightKey(rightRows[i] as Row);
      if (key === null) continue;
      const bucket = rightByKey.get(key);
      if (bucket) bucket.push(i);
      else rightByKey.set(key, [i]);
    }
    const rows: Row[] = [];
    const lineage: RowLineage[] = [];
    const matchedRight = new Set<number>();
    for (const li of leftIndexes) {
      const l = allLeft[li] as Row;
      const key = leftKey(l);
      const matches = key === null ? undefined : rightByKey.get(key);
      switch (joinKind) {
        case 'leftsemi':
          if (matches) {
            rows.push(l);
            if (lineageOn) lineage.push(named(leftAt(li)));
          }
          break;
        case 'leftanti':
          if (!matches) {
            rows.push(l);
            if (lineageOn) lineage.push(named(leftAt(li)));
          }
          break;
        case 'rightsemi':
        case 'rightanti':
          if (matches) for (const r of matches) matchedRight.add(r);
          break;
        default:
          if (matches) {
            for (const r of matches) {
              rows.push(combine(l, rightRows[r] as Row));
              if (lineageOn) lineage.push(both(leftAt(li), rightAt(r)));
              matchedRight.add(r);
            }
            if (rows.length > env.run.intermediateRowLimit) throw rowLimitExceeded('join', env.run);
          } else if (joinKind === 'leftouter' || joinKind === 'fullouter') {
            rows.push(combine(l, rightNulls));
            if (lineageOn) lineage.push(named(leftAt(li)));
          }
      }
    }
    const keepRight = (r: number, row: Row): void => {
      rows.push(row);
      if (lineageOn) lineage.push(named(rightAt(r)));
    };
    if (joinKind === 'rightsemi') rightRows.forEach((r, i) => matchedRight.has(i) && keepRight(i, r));
    if (joinKind === 'rightanti') rightRows.forEach((r, i) => !matchedRight.has(i) && keepRight(i, r));
    if (joinKind === 'rightouter' || joinKind === 'fullouter') {
      rightRows.forEach((r, i) => !matchedRight.has(i) && keepRight(i, combine(leftNulls, r)));
    }
    return lineageOn ? { columns, rows, lineage } : { columns, rows };
  };
}
