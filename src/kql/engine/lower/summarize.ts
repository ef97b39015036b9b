/**
 * `summarize`, `distinct` and `count`. Output columns (names included: `count_`, `sum_X`, `arg_max` expansions)
 * are the binder's; lowering only decides where each value comes from: key i, an aggregate's result, or a column
 * of the row an aggregate chose (arg_max/arg_min).
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import { AGGREGATE_NAMES, canonicalAggregateName } from '../aggregates/registry.ts';
import type { AggregateCall, AggregateOutput, Column, ScalarExpr, TabularPlan, TopNestedLevel } from '../plan.ts';
import { callParts } from './calls.ts';
import { child, columnRef, columnsOf, findColumn, lists, listItems, namedParameters, nodes, parameterText, spanOf, typeOf, unsupported, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

function aggregateName(node: PlainSyntaxNode): string | undefined {
  if (node.kind !== 'FunctionCallExpression') return undefined;
  const name = canonicalAggregateName(callParts(node).name.toLowerCase());
  return AGGREGATE_NAMES.has(name) || name === 'percentiles' || name === 'percentilesw' ? name : undefined;
}

/** `Name = expr` and `(A, B) = expr` → expr (the names are the binder's output columns). */
function unwrapNamed(item: PlainSyntaxNode): PlainSyntaxNode {
  if (item.kind === 'CompoundNamedExpression') return nodes(item).find((n) => n.kind !== 'RenameList') ?? item;
  return item.kind === 'SimpleNamedExpression' ? (nodes(item).pop() ?? item) : item;
}

export function lowerSummarizeParts(
  node: PlainSyntaxNode,
  input: TabularPlan,
  ctx: LowerContext,
  aggregateItems: PlainSyntaxNode[],
  keyItems: PlainSyntaxNode[],
  columns: Column[],
  extraKey?: ScalarExpr,
): TabularPlan {
  const span = spanOf(node);
  const keys = keyItems.map((item) => lowerScalar(unwrapNamed(item), ctx));
  if (extraKey) keys.push(extraKey);
  const aggregates: AggregateCall[] = [];
  let intermediateWidth = keys.length;
  const outputs: ScalarExpr[] = keys.map((k, i) => ({ kind: 'column', index: i, name: columns[i]?.name ?? '', type: k.type, span }));

  const addAggregate = (call: PlainSyntaxNode, name: string, outputColumns: readonly Column[]): ScalarExpr[] => {
    const { args } = callParts(call);
    if (name === 'percentiles' || name === 'percentilesw') {
      // percentiles(x, p1, p2, …): one percentile(x, p) per column (percentile_x_p1, …); percentilesw(x, w, p…) alike.
      const weighted = name === 'percentilesw';
      const fixed = args.slice(0, weighted ? 2 : 1);
      if (fixed.length < (weighted ? 2 : 1)) return unsupported(`${name}() without a value`, call);
      return args.slice(fixed.length).flatMap((percent, i) => {
        const lowered = [...fixed, percent].map((a) => lowerScalar(a, ctx));
        const type = outputColumns[i]?.type ?? lowered[0]?.type ?? 'dynamic';
        aggregates.push({ name: weighted ? 'percentilew' : 'percentile', args: lowered, outputs: [{ kind: 'result', type }], argTypes: lowered.map((a) => a.type), span: spanOf(call) });
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
    if (name === 'percentilesw') return Math.max(1, callParts(expr).args.length - 2);
    if (name !== 'arg_max' && name !== 'arg_min') return 1;
    const extras = callParts(expr).args.slice(1);
    return extras.some((a) => a.kind === 'StarExpression') ? -1 : 1 + extras.length;
  });
  const fixed = widths.reduce((sum, w) => sum + (w > 0 ? w : 0), keys.length);
  const starCount = widths.filter((w) => w < 0).length;
  const remainder = columns.length - fixed;
  // Several `arg_max(x, *)`: each `*` is every input column but the by-columns and its own maximised column.
  const keyNames = new Set(keyItems.map((k) => unwrapNamed(k)).filter((k) => k.kind === 'NameReference').map((k) => k.name));
  const starWidth = (item: PlainSyntaxNode): number => {
    const maximised = callParts(unwrapNamed(item)).args[0];
    const own = maximised?.kind === 'NameReference' && !keyNames.has(maximised.name) ? 1 : 0;
    return 1 + input.columns.filter((c) => !keyNames.has(c.name)).length - own;
  };
  const starWidths = aggregateItems.map((item, i) => ((widths[i] ?? 1) < 0 ? starWidth(item) : 0));
  const multiStarOk = starCount > 1 && starWidths.reduce((a, b) => a + b, 0) === remainder;
  if ((starCount > 1 && !multiStarOk) || remainder < 0 || (starCount === 0 && remainder !== 0)) return unsupported('This summarize (its output columns)', node);

  let column = keys.length;
  aggregateItems.forEach((item, i) => {
    const width = (widths[i] ?? 1) < 0 ? (multiStarOk ? (starWidths[i] ?? 1) : remainder) : (widths[i] ?? 1);
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

/**
 * `make-series [kind=nonempty] [Col =] Aggregate [default = c], … on Axis [from a] [to b] step s [by Keys]`: lowered to
 * a summarize by (keys, binned axis) whose rows the executor spreads into one array per expression.
 */
const lowerMakeSeries: OperatorLowering = (node, input, ctx) => {
  const span = spanOf(node);
  const parameters = namedParameters(node);
  const kind = parameters.get('kind');
  const nonEmpty = kind ? parameterText(kind).toLowerCase() === 'nonempty' : false;
  const items = listItems(lists(node).pop()).filter((n) => n.kind === 'MakeSeriesExpression');
  const onClause = child(node, 'MakeSeriesOnClause');
  const range = child(node, 'MakeSeriesFromToStepClause');
  const axisNode = onClause ? nodes(onClause)[0] : undefined;
  if (!axisNode || !range || items.length === 0) return unsupported('This make-series', node);
  const clauseValue = (kind: string): ScalarExpr | null => {
    const clause = child(range, kind);
    const value = clause ? nodes(clause)[0] : undefined;
    return value ? lowerScalar(value, { ...ctx, row: { columns: [] } }) : null;
  };
  const from = clauseValue('MakeSeriesFromClause');
  const to = clauseValue('MakeSeriesToClause');
  const step = clauseValue('MakeSeriesStepClause');
  if (!step) return unsupported('make-series without step', node);
  const axis = lowerScalar(axisNode, ctx);
  const binned: ScalarExpr = from
    ? { kind: 'call', name: 'bin_at', args: [axis, step, from], type: axis.type, span }
    : { kind: 'call', name: 'bin', args: [axis, step], type: axis.type, span };
  const byClause = child(node, 'MakeSeriesByClause');
  const keyItems = byClause ? listItems(lists(byClause).pop()) : [];
  const columns = columnsOf(node);
  const keyCount = keyItems.length;
  const aggregateItems = items.map((item) => nodes(item).find((n) => n.kind !== 'DefaultExpressionClause') ?? item);
  const valueTypes = items.map((item) => typeOf(item, 'real'));
  const defaults = items.map((item) => {
    const clause = child(item, 'DefaultExpressionClause');
    const value = clause ? nodes(clause)[0] : undefined;
    if (!value) return 0;
    const lowered = lowerScalar(value, { ...ctx, row: { columns: [] } });
    if (lowered.kind !== 'literal') return unsupported('A non-constant make-series default', value);
    return lowered.value;
  });
  const summarizeColumns: Column[] = [
    ...columns.slice(0, keyCount),
    { name: '\u0000bin', type: axis.type },
    ...valueTypes.map((type, i) => ({ name: columns[keyCount + i]?.name ?? `v${i}`, type })),
  ];
  const summarized = lowerSummarizeParts(node, input, ctx, aggregateItems, keyItems, summarizeColumns, binned);
  return {
    kind: 'make-series',
    input: summarized,
    keyCount,
    valueCount: items.length,
    defaults,
    from,
    to,
    step,
    nonEmpty,
    valueTypes,
    axisType: axis.type,
    columns,
    span,
  };
};

export const SUMMARIZE_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  MakeSeriesOperator: lowerMakeSeries,
  TopNestedOperator: (node, input, ctx) => lowerTopNested(node, input, ctx),
  SummarizeOperator: lowerSummarize,
  DistinctOperator: lowerDistinct,
  CountOperator: lowerCount,
};

/** `top-nested [N] of Key by Aggregate [asc|desc], …` (each level's aggregate is one aggregation call). */
const lowerTopNested: OperatorLowering = (node, input, ctx) => {
  const clauses = listItems(lists(node).pop()).filter((c) => c.kind === 'TopNestedClause');
  const columns = columnsOf(node);
  if (clauses.length === 0 || columns.length !== clauses.length * 2) return unsupported('This top-nested', node);
  const levels: TopNestedLevel[] = clauses.map((clause, i) => {
    if (child(clause, 'TopNestedWithOthersClause')) return unsupported('top-nested `with others`', clause);
    const parts = nodes(clause).filter((n) => n.kind !== 'TopNestedWithOthersClause');
    const [first, second, third] = parts;
    const hasCount = parts.length === 3;
    const countNode = hasCount ? first : undefined;
    const keyNode = hasCount ? second : first;
    let aggregateNode = hasCount ? third : second;
    if (!keyNode || !aggregateNode) return unsupported('This top-nested level', clause);
    let descending = true;
    if (aggregateNode.kind === 'OrderedExpression') {
      const ordering = child(aggregateNode, 'OrderingClause');
      if (ordering?.children.some((t) => t.tokenText?.toLowerCase() === 'asc')) descending = false;
      aggregateNode = nodes(aggregateNode).find((n) => n.kind !== 'OrderingClause') ?? aggregateNode;
    }
    const call = unwrapNamed(aggregateNode);
    const name = aggregateName(call);
    if (!name || name === 'arg_max' || name === 'arg_min' || name === 'percentiles' || name === 'percentilesw') return unsupported('This top-nested aggregate', aggregateNode);
    const args = callParts(call).args.map((a) => lowerScalar(a, ctx));
    const type = columns[i * 2 + 1]?.type ?? typeOf(call);
    return {
      count: countNode ? lowerScalar(countNode, { ...ctx, row: { columns: [] } }) : null,
      key: lowerScalar(unwrapNamed(keyNode), ctx),
      aggregate: { name, args, argTypes: args.map((a) => a.type), outputs: [{ kind: 'result', type }], span: spanOf(call) },
      descending,
    };
  });
  return { kind: 'top-nested', input, levels, columns, span: spanOf(node) };
};

