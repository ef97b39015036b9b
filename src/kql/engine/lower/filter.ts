/** Row-selecting operators: `where`/`filter`, `take`/`limit`, and the pass-throughs `as` and `invoke`. */
import type { SourceSpan } from '../../../diagnostics.ts';
import type { ScalarExpr, TabularPlan } from '../plan.ts';
import { columnsUsed, substituteColumns } from './project.ts';
import { inlineUserCall } from './calls.ts';
import { columnRef, columnsOf, nodes, spanOf, unsupported } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

const lowerWhere: OperatorLowering = (node, input, ctx) => {
  const condition = nodes(node).filter((n) => n.kind !== 'List').pop();
  if (!condition) return unsupported('where without a condition', node);
  const predicate = lowerScalar(condition, ctx);
  const span = spanOf(node);
  return pushIntoInnerUnique(input, predicate, span) ?? { kind: 'filter', input, predicate, columns: input.columns, span };
};

/**
 * Kusto pushes a filter on left-side columns below an innerunique join, before the left side is deduplicated by
 * key, so which left row is kept depends on it (docs-join-innerunique: `| where value == "val1.2"` after the join).
 */
function pushIntoInnerUnique(input: TabularPlan, predicate: ScalarExpr, span: SourceSpan): TabularPlan | undefined {
  if (input.kind !== 'join' || input.joinKind !== 'innerunique') return undefined;
  const used = columnsUsed(predicate);
  if (used.size === 0 || [...used].some((i) => input.outputs[i]?.side !== 'left')) return undefined;
  const exprByIndex = input.outputs.map((o) => columnRef(o.side === 'left' ? input.left.columns : input.right.columns, o.index, span));
  const left: TabularPlan = { kind: 'filter', input: input.left, predicate: substituteColumns(predicate, exprByIndex), columns: input.left.columns, span };
  return { ...input, left };
}

const lowerTake: OperatorLowering = (node, input, ctx) => {
  const count = nodes(node).filter((n) => n.kind !== 'List').pop();
  if (!count) return unsupported('take without a count', node);
  return { kind: 'take', input, count: lowerScalar(count, { ...ctx, row: { columns: [] } }), columns: input.columns, span: spanOf(node) };
};

const lowerInvoke: OperatorLowering = (node, input, ctx) => {
  const call = nodes(node).find((n) => n.kind === 'FunctionCallExpression');
  const called = call ? inlineUserCall(call, ctx, input) : undefined;
  if (called?.kind === 'tabular') return called.plan;
  return unsupported('This invoke', node);
};

const DOTNET_TYPES: Readonly<Record<string, string>> = {
  bool: 'System.SByte', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', decimal: 'System.Data.SqlTypes.SqlDecimal',
  string: 'System.String', datetime: 'System.DateTime', timespan: 'System.TimeSpan', guid: 'System.Guid', dynamic: 'System.Object',
};

/** `getschema`: one row per input column (name, ordinal, .NET type, KQL type); the input's rows are not read. */
const lowerGetSchema: OperatorLowering = (node, input) => ({
  kind: 'datatable',
  rows: input.columns.map((c, i) => [c.name, i, DOTNET_TYPES[c.type] ?? 'System.Object', c.type]),
  columns: columnsOf(node),
  span: spanOf(node),
});

const passThrough: OperatorLowering = (_node, input: TabularPlan) => input;

export const FILTER_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  FilterOperator: lowerWhere,
  TakeOperator: lowerTake,
  AsOperator: passThrough,
  // render only says how to chart the result.
  RenderOperator: passThrough,
  GetSchemaOperator: lowerGetSchema,
  InvokeOperator: lowerInvoke,
};
