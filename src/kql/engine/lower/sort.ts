/**
 * `sort`/`order by` and `top`. Default direction is descending; nulls go first when ascending and last when
 * descending unless `nulls first|last` says otherwise.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { SortKey } from '../plan.ts';
import { child, lists, listItems, nodes, spanOf, unsupported, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

function sortKey(item: PlainSyntaxNode, ctx: LowerContext): SortKey {
  if (item.kind !== 'OrderedExpression') return { expr: lowerScalar(item, ctx), descending: true, nullsFirst: false };
  const [expr] = nodes(item);
  if (!expr) return unsupported('An empty sort key', item);
  const ordering = child(item, 'OrderingClause');
  const direction = ordering?.children.find((c) => c.kind === 'AscKeyword' || c.kind === 'DescKeyword');
  const descending = direction?.kind !== 'AscKeyword';
  const nulls = ordering ? child(ordering, 'OrderingNullsClause') : undefined;
  const nullsFirst = nulls ? nulls.children.some((c) => c.kind === 'FirstKeyword') : !descending;
  return { expr: lowerScalar(expr, ctx), descending, nullsFirst };
}

const lowerSort: OperatorLowering = (node, input, ctx) => {
  const keys = listItems(lists(node).pop()).map((item) => sortKey(item, ctx));
  return { kind: 'sort', input, keys, columns: input.columns, span: spanOf(node) };
};

const lowerTop: OperatorLowering = (node, input, ctx) => {
  const parts = nodes(node).filter((n) => n.kind !== 'List');
  const [count, key] = parts;
  if (!count || !key) return unsupported('This top', node);
  const span = spanOf(node);
  const sorted = { kind: 'sort' as const, input, keys: [sortKey(key, ctx)], columns: input.columns, span };
  return { kind: 'take', input: sorted, count: lowerScalar(count, { ...ctx, row: { columns: [] } }), columns: input.columns, span };
};

export const SORT_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  SortOperator: lowerSort,
  TopOperator: lowerTop,
};
