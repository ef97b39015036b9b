/** Sources that need no input table: `datatable`, `print`, `range`. */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { KqlValue } from '../../values/value.ts';
import type { ScalarExpr, TabularPlan } from '../plan.ts';
import { columnsOf, listItems, lists, nodes, spanOf, unsupported, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { SourceLowering } from './tabular.ts';
import { lowerItem, namedItems } from './project.ts';

function constantValue(expr: ScalarExpr, node: PlainSyntaxNode): KqlValue {
  if (expr.kind === 'literal') return expr.value;
  return unsupported('A non-constant datatable value', node);
}

function lowerDatatable(node: PlainSyntaxNode, ctx: LowerContext): TabularPlan {
  const columns = columnsOf(node);
  const valueList = lists(node).pop();
  const values = listItems(valueList).map((item) => constantValue(lowerScalar(item, { ...ctx, row: { columns: [] } }), item));
  const rows: KqlValue[][] = [];
  const width = Math.max(1, columns.length);
  for (let i = 0; i + width <= values.length; i += width) rows.push(values.slice(i, i + width));
  return { kind: 'datatable', rows, columns, span: spanOf(node) };
}

/** The expression of a (possibly named) item: `x = expr` → expr. */
export function itemExpression(item: PlainSyntaxNode): PlainSyntaxNode {
  if (item.kind === 'SimpleNamedExpression') return nodes(item).pop() ?? item;
  return item;
}

function lowerPrint(node: PlainSyntaxNode, ctx: LowerContext): TabularPlan {
  const items = namedItems(listItems(lists(node).pop()));
  const exprs = items.map((item) => lowerItem(item, { ...ctx, row: { columns: [] } }));
  return { kind: 'print', exprs, columns: columnsOf(node), span: spanOf(node) };
}

function lowerRange(node: PlainSyntaxNode, ctx: LowerContext): TabularPlan {
  const parts = nodes(node).filter((n) => n.kind !== 'NameDeclaration' && n.kind !== 'List');
  const [from, to, step] = parts;
  if (!from || !to || !step) return unsupported('This range', node);
  const scalarCtx = { ...ctx, row: { columns: [] } };
  return {
    kind: 'range',
    from: lowerScalar(from, scalarCtx),
    to: lowerScalar(to, scalarCtx),
    step: lowerScalar(step, scalarCtx),
    columns: columnsOf(node),
    span: spanOf(node),
  };
}

export const SOURCE_NODES: Readonly<Record<string, SourceLowering>> = {
  DataTableExpression: lowerDatatable,
  PrintOperator: lowerPrint,
  RangeOperator: lowerRange,
};
