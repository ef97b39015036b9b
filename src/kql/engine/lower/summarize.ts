/**
 * `summarize`, `distinct` and `count`. Output columns (names included: `count_`, `sum_X`, `arg_max` expansions)
 * are the binder's; lowering only decides where each value comes from: key i, an aggregate's result, or a column
 * of the row an aggregate chose (arg_max/arg_min).
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import { AGGREGATE_NAMES, canonicalAggregateName } from '../aggregates/registry.ts';
import type { AggregateCall, AggregateOutput, Column, ScalarExpr, TabularPlan } from '../plan.ts';
import { callParts } from './calls.ts';
import { child, columnRef, columnsOf, findColumn, lists, listItems, nodes, spanOf, typeOf, unsupported, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

function aggregateName(node: PlainSyntaxNode): string | undefined {
  if (node.kind !== 'FunctionCallExpression') return undefined;
  const name = canonicalAggregateName(callParts(node).name.toLowerCase());
  return AGGREGATE_NAMES.has(name) || name === 'percentiles' ? name : undefined;
}

function unwrapNamed(item: PlainSyntaxNode): PlainSyntaxNode {
  return item.kind === 'SimpleNamedExpression' ? (nodes(item).pop() ?? item) : item;
}

export function lowerSummarizeParts(
  node: PlainSyntaxNode,
  input: TabularPlan,
  ctx: LowerContext,
  aggregateItems: PlainSyntaxNode[],
  keyItems: PlainSyntaxNode[],
  columns: Column[],
): TabularPlan {
  const span = spanOf(node);
  const keys = keyItems.map((item) => lowerScalar(unwrapNamed(item), ctx));
  const aggregates: AggregateCall[] = [];
  let intermediateWidth = keys.length;
  const outputs: ScalarExpr[] = keys.map((k, i) => ({ kind: 'column', index: i, name: columns[i]?.name ?? '', type: k.type, span }));

  const addAggregate = (call: PlainSyntaxNode, name: string, outputColumns: readonly Column[]): ScalarExpr[] => {
    const { args } = callParts(call);
    if (name === 'percentiles') {
      // percentiles(x, p1, p2, …): one percentile(x, p) per column (percentile_x_p1, …).
      const value = args[0];
      if (!value) return unsupported('percentiles() without a value', call);
      return args.slice(1).flatMap((percent, i) => {
        const loweredValue = lowerScalar(value, ctx);
        const loweredPercent = lowerScalar(percent, ctx);
        const type = outputColumns[i]?.type ?? loweredValue.type;
        aggregates.push({ name: 'percentile', args: [loweredValue, loweredPercent], outputs: [{ kind: 'result', type }], argTypes: [loweredValue.type, loweredPercent.type], span: spanOf(call) });
        const ref: ScalarExpr = { kind: 'column', index: intermediateWidth, name: outputColumns[i]?.name ?? '', type, span };
        intermediateWidth += 1;
        return [ref];
      });
    }
    const isArg = name === 'arg_max' || name === 'arg_min';
    const valueArgs = isArg ? args.slice(0, 1) : args;
    const lowered = valueArgs.map((a) => (a.kind === 'StarExpression' ? unsupported(`\`${name}(*)\``, a) : lowerScalar(a, ctx)));
    const aggregateOutputs: AggregateOutput[] = [];
    if (isArg) {
      aggregateOutputs.push({ kind: 'result', type: outputColumns[0]?.type ?? lowered[0]?.type ?? 'dynamic' });
      const extras = args.slice(1);
      const star = extras.some((a) => a.kind === 'StarExpression');
      if (star) {
        for (const column of outputColumns.slice(1)) {
          let index = findColumn(input.columns, column.name);
          if (index < 0) index = findColumn(input.columns, column.name.replace(/\d+$/, ''));
          if (index < 0) return unsupported(`The column \`${column.name}\` of ${name}`, call);
          aggregateOutputs.push({ kind: 'chosen-row', expr: columnRef(input.columns, index, spanOf(call)) });
        }
      } else {
        for (const extra of extras) aggregateOutputs.push({ kind: 'chosen-row', expr: lowerScalar(unwrapNamed(extra), ctx) });
      }
    } else {
      aggregateOutputs.push({ kind: 'result', type: outputColumns[0]?.type ?? typeOf(call) });
    }
    aggregates.push({ name, args: lowered, outputs: aggregateOutputs, argTypes: lowered.map((a) => a.type), span: spanOf(call) });
    const refs = aggregateOutputs.map((out, i): ScalarExpr => ({
      kind: 'column',
      index: intermediateWidth + i,
      name: outputColumns[i]?.name ?? '',
      type: out.kind === 'result' ? out.type : out.expr.type,
      span,
    }));
    intermediateWidth += aggregateOutputs.length;
    return refs;
  };

  // Width of each aggregate item: 1, or for arg_max/arg_min 1 + extras (a `*` takes what is left).
  const widths = aggregateItems.map((item) => {
    const expr = unwrapNamed(item);
    const name = aggregateName(expr);
    if (name === 'percentiles') return Math.max(1, callParts(expr).args.length - 1);
    if (name !== 'arg_max' && name !== 'arg_min') return 1;
    const extras = callParts(expr).args.slice(1);
    return extras.some((a) => a.kind === 'StarExpression') ? -1 : 1 + extras.length;
  });
  const fixed = widths.reduce((sum, w) => sum + (w > 0 ? w : 0), keys.length);
  const starCount = widths.filter((w) => w < 0).length;
  const remainder = columns.length - fixed;
  if (starCount > 1 || remainder < 0 || (starCount === 0 && remainder !== 0)) return unsupported('This summarize (its output columns)', node);

  let column = keys.length;
  aggregateItems.forEach((item, i) => {
    const width = (widths[i] ?? 1) < 0 ? remainder : (widths[i] ?? 1);
    const itemColumns = columns.slice(column, column + width);
    column += width;
    const expr = unwrapNamed(item);
    const name = aggregateName(expr);
    if (name) {
      outputs.push(...addAggregate(expr, name, itemColumns));
      return;
    }
    // An expression over aggregates, e.g. `sum(x) * 100 / count()`.
    const hook = (call: PlainSyntaxNode): ScalarExpr | undefined => {
      const inner = aggregateName(call);
      if (!inner) return undefined;
      const refs = addAggregate(call, inner, [{ name: '', type: typeOf(call) }]);
      return refs[0];
    };
    const lowered = lowerScalar(expr, { ...ctx, aggregateHook: hook });
    outputs.push(lowered);
  });
  return { kind: 'summarize', input, keys, aggregates, outputs, columns, span };
}

const lowerSummarize: OperatorLowering = (node, input, ctx) => {
  const [, aggregateList] = lists(node);
  const byClause = child(node, 'SummarizeByClause');
  const keyItems = byClause ? listItems(lists(byClause).pop()) : [];
  return lowerSummarizeParts(node, input, ctx, listItems(aggregateList), keyItems, columnsOf(node));
};

const lowerDistinct: OperatorLowering = (node, input, ctx) => {
  const items = listItems(lists(node).pop());
  const columns = columnsOf(node);
  if (items.some((i) => i.kind === 'StarExpression')) {
    const keys = input.columns.map((_, i) => columnRef(input.columns, i, spanOf(node)));
    const outputs = keys.map((k, i): ScalarExpr => ({ ...k, index: i }) as ScalarExpr);
    return { kind: 'summarize', input, keys, aggregates: [], outputs, columns: input.columns, span: spanOf(node) };
  }
  return lowerSummarizeParts(node, input, ctx, [], items, columns);
};

const lowerCount: OperatorLowering = (node, input) => {
  const span = spanOf(node);
  const columns = columnsOf(node);
  return {
    kind: 'summarize',
    input,
    keys: [],
    aggregates: [{ name: 'count', args: [], argTypes: [], outputs: [{ kind: 'result', type: 'long' }], span }],
    outputs: [{ kind: 'column', index: 0, name: columns[0]?.name ?? 'Count', type: 'long', span }],
    columns,
    span,
  };
};

export const SUMMARIZE_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  SummarizeOperator: lowerSummarize,
  DistinctOperator: lowerDistinct,
  CountOperator: lowerCount,
};
