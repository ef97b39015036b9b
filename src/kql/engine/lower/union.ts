/**
 * `union` (as a source or after `|`): kind=outer (default) or inner, withsource=Col, isfuzzy (legs naming unknown
 * tables are skipped). Output columns follow Kusto: a name seen with several types becomes `name_type` per type,
 * and a name then clashing with another gets a numeric suffix (`x_long1`); checked against the binder's columns.
 */
import type { SourceSpan } from '../../../diagnostics.ts';
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { Column, TabularPlan } from '../plan.ts';
import { child, columnsOf, lists, listItems, namedParameters, nodes, parameterText, spanOf, Unsupported, type LowerContext } from './context.ts';
import { lowerTabular } from './tabular.ts';

/** The name withsource gives a leg: a table/let/view name, the name of a trailing `as`, else union_argN. */
export function legName(node: PlainSyntaxNode): string | undefined {
  if (node.kind === 'NameReference') return node.name;
  if (node.kind === 'FunctionCallExpression') return nodes(node)[0]?.name;
  if (node.kind === 'ParenthesizedExpression') {
    const inner = nodes(node)[0];
    return inner ? legName(inner) : undefined;
  }
  if (node.kind === 'PipeExpression') {
    const [left, operator] = nodes(node);
    if (operator?.kind === 'AsOperator') return child(operator, 'NameDeclaration')?.name;
    return left ? legName(left) : undefined;
  }
  return undefined;
}

/** Kusto's outer-union schema from the legs' columns (see the file comment); the map of each leg's columns. */
function outerLayout(inputs: readonly TabularPlan[], sourceColumn: string | undefined): { columns: Column[]; maps: number[][] } {
  const typesByName = new Map<string, Set<string>>();
  for (const input of inputs) for (const c of input.columns) {
    const types = typesByName.get(c.name) ?? new Set<string>();
    types.add(c.type);
    typesByName.set(c.name, types);
  }
  const columns: Column[] = sourceColumn === undefined ? [] : [{ name: sourceColumn, type: 'string' }];
  const used = new Set(columns.map((c) => c.name));
  const indexOf = new Map<string, number>();
  const maps = inputs.map((input) =>
    input.columns.map((c) => {
      const key = `${c.name}\u0000${c.type}`;
      let index = indexOf.get(key);
      if (index === undefined) {
        const base = (typesByName.get(c.name)?.size ?? 1) > 1 ? `${c.name}_${c.type}` : c.name;
        let name = base;
        for (let n = 1; used.has(name); n++) name = `${base}${n}`;
        used.add(name);
        index = columns.length;
        columns.push({ name, type: c.type });
        indexOf.set(key, index);
      }
      return index;
    }),
  );
  return { columns, maps };
}

export function lowerUnion(node: PlainSyntaxNode, ctx: LowerContext, pipedInput: TabularPlan | undefined): TabularPlan {
  const parameters = namedParameters(node);
  const withSource = parameters.get('withsource');
  const sourceColumnName = withSource ? parameterText(withSource) : undefined;
  const fuzzy = parameters.get('isfuzzy');
  const isFuzzy = fuzzy ? parameterText(fuzzy).toLowerCase() === 'true' : false;
  const operandNodes = listItems(lists(node).pop());
  const inputs: TabularPlan[] = [];
  const names: string[] = [];
  if (pipedInput) {
    inputs.push(pipedInput);
    names.push(pipedInput.kind === 'table' ? pipedInput.name : 'union_arg0');
  }
  operandNodes.forEach((operand, i) => {
    try {
      inputs.push(lowerTabular(operand, { ...ctx, row: { columns: [] } }));
    } catch (error) {
      if (isFuzzy && error instanceof Unsupported) return;
      throw error;
    }
    names.push(legName(operand) ?? `union_arg${i + (pipedInput ? 1 : 0)}`);
  });
  const kindValue = parameters.get('kind');
  const inner = kindValue ? parameterText(kindValue).toLowerCase() === 'inner' : false;
  return unionOfLegs(inputs, names, columnsOf(node), sourceColumnName, inner, spanOf(node));
}

/** The union plan of lowered legs whose output columns (the binder's) are `columns`. */
export function unionOfLegs(
  inputs: TabularPlan[],
  names: string[],
  columns: Column[],
  sourceColumnName: string | undefined,
  inner: boolean,
  span: SourceSpan,
): TabularPlan {
  const layout = inner ? undefined : outerLayout(inputs, sourceColumnName);
  let columnMaps: number[][];
  if (layout && layout.columns.length === columns.length && layout.columns.every((c, i) => c.name === columns[i]?.name)) {
    columnMaps = inputs.map((_, i) => {
      const map = columns.map(() => -1);
      (layout.maps[i] ?? []).forEach((out, inputIndex) => {
        map[out] = inputIndex;
      });
      return map;
    });
  } else {
    columnMaps = inputs.map((input) =>
      columns.map((column) => {
        if (column.name === sourceColumnName) return -1;
        const exact = input.columns.findIndex((c) => c.name === column.name && c.type === column.type);
        if (exact >= 0) return exact;
        return input.columns.findIndex((c) => `${c.name}_${c.type}` === column.name);
      }),
    );
  }
  const sourceIndex = sourceColumnName === undefined ? -1 : columns.findIndex((c) => c.name === sourceColumnName);
  return {
    kind: 'union',
    inputs,
    columnMaps,
    ...(sourceIndex >= 0 ? { source: { index: sourceIndex, names } } : {}),
    columns,
    span,
  };
}
