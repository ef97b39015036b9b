/**
 * Lowering of tabular expressions: sources (tables, lets, datatable, print, range, union, materialize, tabular
 * function calls) and `|` pipelines, dispatching each operator to its family's lowering (one file per family).
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { TabularPlan } from '../plan.ts';
import { inlineUserCall } from './calls.ts';
import { columnsOf, nodes, spanOf, unsupported, type LowerContext } from './context.ts';
import { EVALUATE_OPERATORS } from './evaluate.ts';
import { FILTER_OPERATORS } from './filter.ts';
import { JOIN_OPERATORS } from './join.ts';
import { MV_EXPAND_OPERATORS } from './mv-expand.ts';
import { PARSE_OPERATORS } from './parse.ts';
import { PROJECT_OPERATORS } from './project.ts';
import { REDUCE_OPERATORS } from './reduce.ts';
import { SORT_OPERATORS } from './sort.ts';
import { SOURCE_NODES } from './source.ts';
import { SUMMARIZE_OPERATORS } from './summarize.ts';
import { lowerFind, lowerSearch } from './search.ts';
import { lowerUnion } from './union.ts';

/** An operator's lowering: its syntax node and the already-lowered input. */
export type OperatorLowering = (node: PlainSyntaxNode, input: TabularPlan, ctx: LowerContext) => TabularPlan;
/** A source's lowering (no input). */
export type SourceLowering = (node: PlainSyntaxNode, ctx: LowerContext) => TabularPlan;

const OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  ...FILTER_OPERATORS,
  ...PROJECT_OPERATORS,
  ...SORT_OPERATORS,
  ...SUMMARIZE_OPERATORS,
  ...JOIN_OPERATORS,
  ...MV_EXPAND_OPERATORS,
  ...PARSE_OPERATORS,
  ...EVALUATE_OPERATORS,
  ...REDUCE_OPERATORS,
  UnionOperator: (node, input, ctx) => lowerUnion(node, ctx, input),
  SearchOperator: (node, input, ctx) => lowerSearch(node, ctx, input),
};

const SOURCES: Readonly<Record<string, SourceLowering>> = {
  ...SOURCE_NODES,
  UnionOperator: (node, ctx) => lowerUnion(node, ctx, undefined),
  SearchOperator: (node, ctx) => lowerSearch(node, ctx, undefined),
  FindOperator: (node, ctx) => lowerFind(node, ctx),
};

export function lowerTabular(node: PlainSyntaxNode, ctx: LowerContext): TabularPlan {
  switch (node.kind) {
    case 'PipeExpression': {
      const [left, operator] = nodes(node);
      if (!left || !operator) return unsupported('An incomplete pipeline', node);
      return lowerOperator(operator, lowerTabular(left, ctx), ctx);
    }
    case 'ParenthesizedExpression':
    case 'MvApplySubqueryExpression': {
      const inner = nodes(node).filter((n) => n.kind !== 'List').pop();
      return inner ? lowerTabular(inner, ctx) : unsupported('An empty expression', node);
    }
    case 'NameReference': {
      const symbol = node.symbol;
      if (symbol?.kind === 'Table') return { kind: 'table', name: node.name ?? symbol.name, columns: columnsOf(node), span: spanOf(node) };
      const binding = symbol ? ctx.scope.lookup(symbol.id) : undefined;
      if (binding?.kind === 'tabular') return binding.plan;
      if (binding?.kind === 'function') {
        const called = inlineUserCall(node, ctx);
        if (called?.kind === 'tabular') return called.plan;
      }
      return unsupported(`The table \`${node.name ?? ''}\``, node);
    }
    case 'FunctionCallExpression': {
      const called = inlineUserCall(node, ctx);
      if (called?.kind === 'tabular') return called.plan;
      return unsupported(`The tabular function \`${node.symbol?.name ?? node.kind}\``, node);
    }
    case 'MaterializeExpression': {
      const inner = nodes(node).pop();
      if (!inner) return unsupported('materialize() without a query', node);
      const input = lowerTabular(inner, ctx);
      return { kind: 'materialize', input, id: ctx.ids.next++, columns: input.columns, span: spanOf(node) };
    }
    default: {
      const source = SOURCES[node.kind];
      if (source) return source(node, ctx);
      if (ctx.implicitInput && OPERATORS[node.kind]) return lowerOperator(node, ctx.implicitInput, ctx);
      return unsupported(`\`${describeKind(node.kind)}\``, node);
    }
  }
}

function lowerOperator(node: PlainSyntaxNode, input: TabularPlan, ctx: LowerContext): TabularPlan {
  const lowering = OPERATORS[node.kind];
  if (!lowering) return unsupported(`\`${operatorKeyword(node)}\``, node);
  if (input.kind === 'bag-unpack' && input.dynamicColumns) {
    return unsupported('An operator after `evaluate bag_unpack` without an output schema (add `: (*, Col:type, …)`)', node);
  }
  if (hasRuntimeColumns(input) && !AFTER_RUNTIME_COLUMNS.has(node.kind)) {
    return unsupported('An operator other than sort, top, take or where after `evaluate pivot`', node);
  }
  return lowering(node, input, { ...ctx, row: { columns: input.columns } });
}

/** Operators that pass rows through unchanged, so they keep the columns `evaluate pivot` adds at run time. */
const AFTER_RUNTIME_COLUMNS: ReadonlySet<string> = new Set(['SortOperator', 'TopOperator', 'TakeOperator', 'FilterOperator']);

function hasRuntimeColumns(plan: TabularPlan): boolean {
  if (plan.kind === 'pivot') return true;
  if (plan.kind === 'sort' || plan.kind === 'take' || plan.kind === 'filter') return hasRuntimeColumns(plan.input);
  return false;
}

/** The operator's keyword as the user wrote it (`make-series`), for diagnostics. */
function operatorKeyword(node: PlainSyntaxNode): string {
  const keyword = node.children.find((c) => c.tokenText !== undefined)?.tokenText;
  return keyword || describeKind(node.kind);
}

function describeKind(kind: string): string {
  return kind.replace(/(Operator|Expression)$/, '').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
