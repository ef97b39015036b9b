/**
 * prev(), next(), row_number(), row_cumsum(), row_rank_dense(), row_rank_min(): they read the operator's row
 * sequence through `env.frame` (set per row by project/filter). Running state restarts at the first row of each
 * table and wherever the `restart` argument is true.
 */
import type { KqlValue } from '../../values/value.ts';
import type { ScalarExpr } from '../plan.ts';
import { equalNonNull } from '../ops/compare.ts';
import type { CompileEnv, RowFunction } from './runtime.ts';

type Row = readonly KqlValue[];

function sameValue(a: KqlValue, b: KqlValue): boolean {
  if (a === null || b === null) return a === b;
  return equalNonNull(a, b);
}

export function compileWindow(expr: Extract<ScalarExpr, { kind: 'window' }>, env: CompileEnv, compile: (e: ScalarExpr) => RowFunction): RowFunction {
  const args = expr.args.map(compile);
  const frame = env.frame;
  const arg = (i: number, row: Row): KqlValue => (args[i] ? (args[i] as RowFunction)(row) : null);
  /** True at the first row of a sequence or where `restart` (argument `restartIndex`) is true. */
  let seenRows: readonly Row[] | undefined;
  const restarts = (row: Row, restartIndex: number): boolean => {
    const first = frame.index === 0 || seenRows !== frame.rows;
    seenRows = frame.rows;
    return first || arg(restartIndex, row) === true;
  };
  switch (expr.fn) {
    case 'prev':
    case 'next': {
      const direction = expr.fn === 'prev' ? -1 : 1;
      const offsetExpr = expr.args[1];
      const constantOffset = offsetExpr?.kind === 'literal' ? Number(offsetExpr.value ?? 1) : undefined;
      const nullValue: KqlValue = expr.type === 'string' ? '' : null;
      return (row) => {
        const offset = constantOffset ?? (args[1] ? Number(arg(1, row) ?? 1) : 1);
        const other = frame.rows[frame.index + direction * offset];
        if (!other) return args[2] ? arg(2, row) : nullValue;
        return (args[0] as RowFunction)(other);
      };
    }
    case 'row_number': {
      let n = 0;
      return (row) => {
        const start = args[0] ? Number(arg(0, row) ?? 1) : 1;
        n = restarts(row, 1) ? start : n + 1;
        return n;
      };
    }
    case 'row_cumsum': {
      let sum: number | bigint = 0;
      return (row) => {
        const v = arg(0, row);
        const restart = restarts(row, 1);
        if (restart) sum = typeof v === 'bigint' ? 0n : 0;
        if (typeof v === 'number' || typeof v === 'bigint') {
          sum = typeof sum === 'bigint' || typeof v === 'bigint' ? BigInt(sum) + BigInt(v) : sum + v;
          if (typeof sum === 'bigint' && sum >= -9007199254740991n && sum <= 9007199254740991n) sum = Number(sum);
        }
        return sum;
      };
    }
    case 'row_window_session': {
      // row_window_session(t, maxFromFirst, maxBetweenNeighbours[, restart]): the start of the row's session.
      let start: KqlValue = null;
      let last: KqlValue = null;
      return (row) => {
        const v = arg(0, row);
        const fromFirst = arg(1, row);
        const between = arg(2, row);
        const restart = restarts(row, 3);
        const far = (a: KqlValue, b: KqlValue, limit: KqlValue): boolean =>
          typeof a === 'bigint' && typeof b === 'bigint' && typeof limit === 'bigint' && a - b > limit;
        if (restart || start === null || v === null || far(v, start, fromFirst) || far(v, last, between)) start = v;
        last = v;
        return start;
      };
    }
    case 'row_rank_dense':
    case 'row_rank_min': {
      const dense = expr.fn === 'row_rank_dense';
      let rank = 0;
      let position = 0;
      let last: KqlValue = null;
      return (row) => {
        const v = arg(0, row);
        if (restarts(row, 1)) {
          rank = 1;
          position = 1;
        } else {
          position++;
          if (!sameValue(v, last)) rank = dense ? rank + 1 : position;
        }
        last = v;
        return rank;
      };
    }
  }
}

/** Whether an expression uses a window function (so its operator must set the frame per row). */
export function usesWindow(expr: ScalarExpr): boolean {
  switch (expr.kind) {
    case 'window':
      return true;
    case 'literal':
    case 'column':
    case 'toscalar':
      return false;
    case 'binary':
    case 'string-op':
      return usesWindow(expr.left) || usesWindow(expr.right);
    case 'negate':
      return usesWindow(expr.operand);
    case 'in':
    case 'has-any':
      return usesWindow(expr.value) || expr.list.some(usesWindow);
    case 'between':
      return usesWindow(expr.value) || usesWindow(expr.low) || usesWindow(expr.high);
    case 'call':
      return expr.args.some(usesWindow);
    case 'access':
      return usesWindow(expr.target) || usesWindow(expr.key);
  }
}
