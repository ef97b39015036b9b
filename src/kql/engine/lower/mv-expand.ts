/** `mv-expand`: one output row per element of the expanded arrays (bags expand to one-key bags), with_itemindex. */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { MvExpandOutput, ScalarExpr } from '../plan.ts';
import { child, columnsOf, findColumn, lists, listItems, namedParameters, nodes, parameterText, spanOf, unsupported } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

const lowerMvExpand: OperatorLowering = (node, input, ctx) => {
  const parameters = namedParameters(node);
  const itemIndex = parameters.get('with_itemindex');
  const itemIndexName = itemIndex ? parameterText(itemIndex) : undefined;
  const bagExpansion = parameters.get('bagexpansion');
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

export const MV_EXPAND_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  MvExpandOperator: lowerMvExpand,
};
