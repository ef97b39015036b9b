/**
 * `union` (as a source or after `|`): kind=outer (default) or inner, withsource=Col, isfuzzy. Columns are matched
 * by name and type against the binder's output (`x_long`/`x_string` when a name has several types).
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { TabularPlan } from '../plan.ts';
import { columnsOf, lists, listItems, namedParameters, parameterText, spanOf, type LowerContext } from './context.ts';
import { lowerTabular } from './tabular.ts';

export function lowerUnion(node: PlainSyntaxNode, ctx: LowerContext, pipedInput: TabularPlan | undefined): TabularPlan {
  const parameters = namedParameters(node);
  const withSource = parameters.get('withsource');
  const sourceColumnName = withSource ? parameterText(withSource) : undefined;
  const operandNodes = listItems(lists(node).pop());
  const inputs: TabularPlan[] = [];
  const names: string[] = [];
  if (pipedInput) {
    inputs.push(pipedInput);
    names.push(pipedInput.kind === 'table' ? pipedInput.name : 'union_arg0');
  }
  operandNodes.forEach((operand, i) => {
    inputs.push(lowerTabular(operand, { ...ctx, row: { columns: [] } }));
    names.push(operand.name ?? `union_arg${i + (pipedInput ? 1 : 0)}`);
  });
  const columns = columnsOf(node);
  const columnMaps = inputs.map((input) =>
    columns.map((column) => {
      if (column.name === sourceColumnName) return -1;
      const exact = input.columns.findIndex((c) => c.name === column.name && c.type === column.type);
      if (exact >= 0) return exact;
      return input.columns.findIndex((c) => `${c.name}_${c.type}` === column.name);
    }),
  );
  const sourceIndex = sourceColumnName === undefined ? -1 : columns.findIndex((c) => c.name === sourceColumnName);
  return {
    kind: 'union',
    inputs,
    columnMaps,
    ...(sourceIndex >= 0 ? { source: { index: sourceIndex, names } } : {}),
    columns,
    span: spanOf(node),
  };
}
