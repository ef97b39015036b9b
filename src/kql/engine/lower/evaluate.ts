/**
 * `evaluate` plugins: `bag_unpack` only (with column_prefix, columnsConflict, ignoredProperties and the
 * `: (schema)` form). Without a schema its columns depend on the data, so it must be the query's last operator.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import { AGGREGATE_NAMES, canonicalAggregateName } from '../aggregates/registry.ts';
import type { AggregateCall, ScalarExpr, TabularPlan } from '../plan.ts';
import { callParts } from './calls.ts';
import { child, columnRef, columnsOf, listItems, nodes, spanOf, typeOf, unsupported, type LowerContext } from './context.ts';
import { jsonValue, lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

function lowerBagUnpack(node: PlainSyntaxNode, call: PlainSyntaxNode, input: TabularPlan, ctx: LowerContext): TabularPlan {
  const argList = nodes(call)[1];
  const args = argList ? listItems(child(argList, 'List')) : [];
  const positional = args.filter((a) => a.kind !== 'SimpleNamedExpression');
  const named = new Map<string, PlainSyntaxNode>();
  for (const a of args) {
    if (a.kind !== 'SimpleNamedExpression') continue;
    const [declaration, value] = nodes(a);
    if (declaration?.name && value) named.set(declaration.name.toLowerCase(), value);
  }
  const [source, prefixNode] = positional;
  if (!source) return unsupported('bag_unpack without a column', call);
  const sourceExpr = lowerScalar(source, ctx);
  if (sourceExpr.kind !== 'column') return unsupported('bag_unpack of an expression (not a column)', source);
  const prefixValue = named.get('column_prefix') ?? prefixNode;
  const prefix = prefixValue?.hasLiteral ? String(prefixValue.literal ?? '') : '';
  const conflictNode = named.get('columnsconflict');
  const conflict = conflictNode?.hasLiteral ? String(conflictNode.literal) : 'error';
  if (conflict !== 'error' && conflict !== 'replace_source' && conflict !== 'keep_source') {
    return unsupported(`columnsConflict='${conflict}'`, conflictNode ?? call);
  }
  const ignoredNode = named.get('ignoredproperties');
  let ignored: string[] = [];
  if (ignoredNode) {
    const value = ignoredNode.kind === 'DynamicExpression' ? jsonValue(nodes(ignoredNode)[0] ?? ignoredNode) : null;
    if (!Array.isArray(value)) return unsupported('ignoredProperties that is not a constant array', ignoredNode);
    ignored = value.map((v) => String(v));
  }
  const schema = child(node, 'EvaluateSchemaClause');
  return {
    kind: 'bag-unpack',
    input,
    column: sourceExpr.index,
    prefix,
    ignored,
    conflict,
    dynamicColumns: !schema,
    columns: schema ? columnsOf(node) : input.columns.filter((_, i) => i !== sourceExpr.index),
    span: spanOf(node),
  };
}

/**
 * `evaluate pivot(PivotColumn[, aggregate()][, by columns…])`: the by columns (default: every other column that the
 * aggregate does not read), then one column per distinct pivot value, known only at run time (so only sort, top,
 * take and where may follow).
 */
function lowerPivot(node: PlainSyntaxNode, call: PlainSyntaxNode, input: TabularPlan, ctx: LowerContext): TabularPlan {
  const argList = nodes(call)[1];
  const args = argList ? listItems(child(argList, 'List')) : [];
  const [pivotNode, ...rest] = args;
  if (!pivotNode) return unsupported('pivot without a column', call);
  const pivot = lowerScalar(pivotNode, ctx);
  const span = spanOf(call);
  let aggregate: AggregateCall = { name: 'count', args: [], argTypes: [], outputs: [{ kind: 'result', type: 'long' }], span };
  const first = rest[0];
  if (first?.kind === 'FunctionCallExpression') {
    const { name: rawName, args: aggArgs } = callParts(first);
    const name = canonicalAggregateName(rawName.toLowerCase());
    if (!AGGREGATE_NAMES.has(name) || name === 'arg_max' || name === 'arg_min') return unsupported(`pivot with \`${rawName}()\``, first);
    const lowered = aggArgs.map((a) => lowerScalar(a, ctx));
    aggregate = { name, args: lowered, argTypes: lowered.map((a) => a.type), outputs: [{ kind: 'result', type: typeOf(first) }], span: spanOf(first) };
    rest.shift();
  }
  let keys: ScalarExpr[];
  if (rest.length > 0) keys = rest.map((k) => lowerScalar(k, ctx));
  else {
    const used = new Set<number>();
    for (const e of [pivot, ...aggregate.args]) if (e.kind === 'column') used.add(e.index);
    keys = input.columns.flatMap((_, i) => (used.has(i) ? [] : [columnRef(input.columns, i, span)]));
  }
  const analyzed = columnsOf(node);
  const columns = analyzed.length === keys.length ? analyzed : keys.map((k) => ({ name: k.kind === 'column' ? k.name : '', type: k.type }));
  return { kind: 'pivot', input, keys, pivot, aggregate, columns, span: spanOf(node) };
}

const lowerEvaluate: OperatorLowering = (node, input, ctx) => {
  const call = nodes(node).find((n) => n.kind === 'FunctionCallExpression');
  const name = call ? (nodes(call)[0]?.name ?? '').toLowerCase() : '';
  if (call && name === 'bag_unpack') return lowerBagUnpack(node, call, input, ctx);
  if (call && name === 'pivot') return lowerPivot(node, call, input, ctx);
  return unsupported(`\`evaluate ${name}\``, call ?? node);
};

export const EVALUATE_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  EvaluateOperator: lowerEvaluate,
};


