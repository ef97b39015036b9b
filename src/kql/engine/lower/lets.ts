/**
 * `let` statements: scalar values, tabular values (shared plan nodes; `materialize` caches them per run) and
 * function declarations (kept as syntax and inlined at each call).
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import { child, nodes, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import { lowerTabular } from './tabular.ts';

export function bindLet(statement: PlainSyntaxNode, ctx: LowerContext): void {
  const declaration = child(statement, 'NameDeclaration');
  const value = nodes(statement).filter((n) => n !== declaration).pop();
  const symbolId = declaration?.symbol?.id;
  if (!value || symbolId === undefined) return;
  if (value.kind === 'FunctionDeclaration') {
    ctx.scope.bind(symbolId, { kind: 'function', declaration: value, scope: ctx.scope });
  } else if (value.resultType === 'table') {
    ctx.scope.bindLazy(symbolId, () => ({ kind: 'tabular', plan: lowerTabular(value, { ...ctx, row: { columns: [] } }) }));
  } else {
    ctx.scope.bindLazy(symbolId, () => ({ kind: 'scalar', expr: lowerScalar(value, { ...ctx, row: { columns: [] } }) }));
  }
}
