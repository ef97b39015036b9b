/**
 * `let` statements: scalar values, tabular values (shared plan nodes; `materialize` caches them per run) and
 * function declarations (kept as syntax and inlined at each call).
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { TabularPlan } from '../plan.ts';
import { child, nodes, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import { lowerTabular } from './tabular.ts';

/** The `let` name of each tabular let's plan (the first name wins for `let B = A`): sub-detections are named by it. */
export const LET_NAMES = new WeakMap<TabularPlan, string>();

export function bindLet(statement: PlainSyntaxNode, ctx: LowerContext): void {
  const declaration = child(statement, 'NameDeclaration');
  const value = nodes(statement).filter((n) => n !== declaration).pop();
  const symbolId = declaration?.symbol?.id;
  if (!value || symbolId === undefined) return;
  if (value.kind === 'FunctionDeclaration') {
    ctx.scope.bind(symbolId, { kind: 'function', declaration: value, scope: ctx.scope });
  } else if (value.resultType === 'table') {
    const name = declaration?.name;
    ctx.scope.bindLazy(symbolId, () => {
      const plan = lowerTabular(value, { ...ctx, row: { columns: [] } });
      if (name !== undefined && !LET_NAMES.has(plan)) LET_NAMES.set(plan, name);
      return { kind: 'tabular', plan };
    });
  } else {
    ctx.scope.bindLazy(symbolId, () => ({ kind: 'scalar', expr: lowerScalar(value, { ...ctx, row: { columns: [] } }) }));
  }
}
