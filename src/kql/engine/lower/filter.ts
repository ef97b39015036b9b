/** Row-selecting operators: `where`/`filter`, `take`/`limit`, and the pass-throughs `as` and `invoke`. */
import type { TabularPlan } from '../plan.ts';
import { inlineUserCall } from './calls.ts';
import { nodes, spanOf, unsupported } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

const lowerWhere: OperatorLowering = (node, input, ctx) => {
  const condition = nodes(node).filter((n) => n.kind !== 'List').pop();
  if (!condition) return unsupported('where without a condition', node);
  return { kind: 'filter', input, predicate: lowerScalar(condition, ctx), columns: input.columns, span: spanOf(node) };
};

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

const passThrough: OperatorLowering = (_node, input: TabularPlan) => input;

export const FILTER_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  FilterOperator: lowerWhere,
  TakeOperator: lowerTake,
  AsOperator: passThrough,
  InvokeOperator: lowerInvoke,
};
