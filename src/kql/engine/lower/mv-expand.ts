/** `mv-expand`: one output row per element of the expanded arrays (bags expand to one-key bags), with_itemindex. */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { KqlType } from '../../../schema/types.ts';
import { KQL_TYPES } from '../../../schema/types.ts';
import type { Column, MvExpandOutput, ScalarExpr, TabularPlan } from '../plan.ts';
import { child, columnsOf, findColumn, lists, listItems, namedParameters, nodes, parameterText, spanOf, unsupported } from './context.ts';
import { lowerScalar } from './scalar.ts';
import { lowerTabular, type OperatorLowering } from './tabular.ts';

const lowerMvExpand: OperatorLowering = (node, input, ctx) => {
  const parameters = namedParameters(node);
  const itemIndex = parameters.get('with_itemindex');
  const itemIndexName = itemIndex ? parameterText(itemIndex) : undefined;
  const bagExpansion = parameters.get('bagexpansion') ?? parameters.get('kind');
  const items = listItems(lists(node).pop()).filter((n) => n.kind === 'MvExpandExpression');
  const expanded: ScalarExpr[] = [];
  const names: string[] = [];
  for (const item of items) {
    const exprNode = nodes(item).find((n) => n.kind !== 'ToTypeOfClause');
    if (!exprNode) return unsupported('This mv-expand item', item);
    if (exprNode.kind === 'SimpleNamedExpression') {
      const [declaration, value] = nodes(exprNode);
      if (!value) return unsupported('This mv-expand item', item);
      names.push(declaration?.name ?? '');
      expanded.push(lowerScalar(value, ctx));
    } else {
      names.push(exprNode.name ?? '');
      expanded.push(lowerScalar(exprNode, ctx));
    }
  }
  const limitClause = child(node, 'MvExpandRowLimitClause');
  const limitNode = limitClause ? nodes(limitClause)[0] : undefined;
  const columns = columnsOf(node);
  const outputs: MvExpandOutput[] = columns.map((column) => {
    const which = names.indexOf(column.name);
    if (which >= 0) return { kind: 'expanded', which, type: column.type };
    if (column.name === itemIndexName) return { kind: 'item-index' };
    const index = findColumn(input.columns, column.name);
    if (index < 0) return unsupported(`The column \`${column.name}\` here`, node);
    return { kind: 'input', index };
  });
  return {
    kind: 'mv-expand',
    input,
    outputs,
    expanded,
    bagExpansionArray: bagExpansion ? parameterText(bagExpansion).toLowerCase() === 'array' : false,
    limit: limitNode?.hasLiteral && typeof limitNode.literal === 'number' ? limitNode.literal : null,
    columns,
    span: spanOf(node),
  };
};


/** The type named by a `to typeof(T)` clause, if any. */
function toTypeOf(item: PlainSyntaxNode): KqlType | undefined {
  const clause = child(item, 'ToTypeOfClause');
  if (!clause) return undefined;
  const find = (n: PlainSyntaxNode): string | undefined => {
    if (n.symbol?.kind === 'Primitive') return n.symbol.name;
    for (const c of n.children) {
      const found = find(c);
      if (found) return found;
    }
    return undefined;
  };
  const name = find(clause);
  if (name === 'date') return 'datetime';
  if (name === 'time') return 'timespan';
  if (name === 'double') return 'real';
  if (name === 'boolean') return 'bool';
  return name && (KQL_TYPES as readonly string[]).includes(name) ? (name as KqlType) : undefined;
}

/**
 * `mv-apply`: per input row, the expanded elements form a small table (input columns, the expanded columns
 * replaced or added, the item index) that the subquery runs on; its rows are joined back to the input row.
 */
const lowerMvApply: OperatorLowering = (node, input, ctx) => {
  const parameters = namedParameters(node);
  const itemIndex = parameters.get('with_itemindex');
  const itemIndexName = itemIndex ? parameterText(itemIndex) : undefined;
  const items = listItems(lists(node).pop()).filter((n) => n.kind === 'MvApplyExpression');
  if (items.length === 0) return unsupported('This mv-apply', node);
  const expanded: ScalarExpr[] = [];
  const rowTableColumns: Column[] = [...input.columns];
  const rowTableOutputs: MvExpandOutput[] = input.columns.map((_, index) => ({ kind: 'input', index }));
  items.forEach((item, which) => {
    const exprNode = nodes(item).find((n) => n.kind !== 'ToTypeOfClause');
    if (!exprNode) return unsupported('This mv-apply item', item);
    let name: string;
    let value: PlainSyntaxNode;
    if (exprNode.kind === 'SimpleNamedExpression') {
      const [declaration, v] = nodes(exprNode);
      if (!v || declaration?.name === undefined) return unsupported('This mv-apply item', item);
      name = declaration.name;
      value = v;
    } else {
      name = exprNode.name ?? '';
      value = exprNode;
      if (!name) return unsupported('An mv-apply item without a name', item);
    }
    const type = toTypeOf(item) ?? 'dynamic';
    expanded.push(lowerScalar(value, ctx));
    const existing = findColumn(rowTableColumns, name);
    const output: MvExpandOutput = { kind: 'expanded', which, type };
    if (existing >= 0) {
      rowTableColumns[existing] = { name, type };
      rowTableOutputs[existing] = output;
    } else {
      rowTableColumns.push({ name, type });
      rowTableOutputs.push(output);
    }
  });
  if (itemIndexName !== undefined) {
    rowTableColumns.push({ name: itemIndexName, type: 'long' });
    rowTableOutputs.push({ kind: 'item-index' });
  }
  const subqueryNode = child(node, 'MvApplySubqueryExpression');
  if (!subqueryNode) return unsupported('mv-apply without a subquery', node);
  const slot = ctx.ids.next++;
  const span = spanOf(node);
  const rowTable: TabularPlan = { kind: 'slot', slot, columns: rowTableColumns, span };
  const subquery = lowerTabular(subqueryNode, { ...ctx, row: { columns: rowTableColumns }, implicitInput: rowTable });
  const columns = columnsOf(node);
  const outputs = columns.map((column) => {
    const sub = findColumn(subquery.columns, column.name);
    if (sub >= 0) return { side: 'sub' as const, index: sub };
    const index = findColumn(input.columns, column.name);
    if (index < 0) return unsupported(`The column \`${column.name}\` here`, node);
    return { side: 'input' as const, index };
  });
  const limitClause = child(node, 'MvApplyRowLimitClause');
  const limitNode = limitClause ? nodes(limitClause)[0] : undefined;
  return {
    kind: 'mv-apply',
    input,
    expanded,
    rowTableColumns,
    rowTableOutputs,
    subquery,
    slot,
    outputs,
    limit: limitNode?.hasLiteral && typeof limitNode.literal === 'number' ? limitNode.literal : null,
    columns,
    span,
  };
};

/** `partition [hint.…] by Col ( subquery )`: the subquery (starting with an operator) runs on each key's rows. */
const lowerPartition: OperatorLowering = (node, input, ctx) => {
  const keyNode = nodes(node).find((n) => n.kind !== 'List' && n.kind !== 'PartitionSubquery');
  const subqueryNode = child(node, 'PartitionSubquery');
  const inner = subqueryNode ? nodes(subqueryNode).filter((n) => n.kind !== 'List').pop() : undefined;
  if (!keyNode || !inner) return unsupported('This partition', node);
  const slot = ctx.ids.next++;
  const span = spanOf(node);
  const rowTable: TabularPlan = { kind: 'slot', slot, columns: input.columns, span };
  const subquery = lowerTabular(inner, { ...ctx, row: { columns: input.columns }, implicitInput: rowTable });
  return { kind: 'partition', input, key: lowerScalar(keyNode, ctx), subquery, slot, columns: subquery.columns, span };
};

export const MV_EXPAND_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  MvExpandOperator: lowerMvExpand,
  MvApplyOperator: lowerMvApply,
  PartitionOperator: lowerPartition,
};
