/**
 * How far back a rule looks: the longest constant window in `ago(w)` or `now() - w` anywhere in its plan, in
 * 100 ns ticks (0 when it has none). The IDE uses it to decide whether old sample events would all fall outside the
 * rule's window, and to move "now" just after the newest event instead (with a notice). Read from the lowered plan,
 * so `let lookback = 24h; … ago(lookback)` counts and a comment or string that mentions ago() does not.
 */
import type { ScalarExpr, TabularPlan } from './plan.ts';

function constantTimespan(expr: ScalarExpr | undefined): bigint | null {
  if (!expr || expr.kind !== 'literal' || expr.type !== 'timespan') return null;
  return typeof expr.value === 'bigint' ? expr.value : null;
}

/** The window one scalar node opens, if it is `ago(constant)` or `now() - constant`. */
function windowOf(node: ScalarExpr): bigint | null {
  if (node.kind === 'call' && node.name === 'ago') return constantTimespan(node.args[0]);
  if (node.kind === 'binary' && node.op === '-' && node.left.kind === 'call' && node.left.name === 'now') return constantTimespan(node.right);
  return null;
}

function isScalar(value: object): value is ScalarExpr {
  return 'kind' in value && 'type' in value && typeof (value as { type: unknown }).type === 'string';
}

export function lookBackTicks(plan: TabularPlan): bigint {
  let longest = 0n;
  const seen = new Set<object>();
  // The plan is plain data (nodes, arrays, spans); a structural walk reaches every expression of every operator
  // without a visitor per node kind. Rows of datatables are values, not plan nodes, and are skipped.
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (isScalar(value)) {
      const window = windowOf(value);
      if (window !== null && window > longest) longest = window;
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'rows' && key !== 'span' && key !== 'value') visit(child);
  };
  visit(plan);
  return longest;
}
