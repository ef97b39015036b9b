/**
 * The project family: `project`, `extend`, `project-away`, `project-keep`, `project-rename`, `project-reorder`,
 * `serialize` (with its extend-like columns). All lower to one `project` node whose output columns are the binder's
 * and whose expressions read the input row.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { Column, ScalarExpr, TabularPlan } from '../plan.ts';
import { columnRef, columnsOf, findColumn, lists, listItems, nodes, spanOf, unsupported, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

interface NamedItem {
  readonly name: string | undefined;
  readonly expr: PlainSyntaxNode;
}

export function namedItem(item: PlainSyntaxNode): NamedItem {
  if (item.kind === 'SimpleNamedExpression') {
    const [declaration, expr] = nodes(item);
    return { name: declaration?.name, expr: expr ?? item };
  }
  if (item.kind === 'CompoundNamedExpression') unsupported('Assigning several names at once', item);
  // A bare column reference keeps its name; other unnamed expressions get the binder's generated name.
  if (item.kind === 'NameReference' && item.symbol?.kind === 'Column') return { name: item.name, expr: item };
  return { name: undefined, expr: item };
}

/** Assigns the binder's generated column names (`Column1`, `print_0`, …) to unnamed items, in order. */
export function resolveNames(items: readonly NamedItem[], generated: readonly string[]): string[] {
  const claimed = new Set(items.map((i) => i.name).filter((n): n is string => n !== undefined));
  const available = generated.filter((n) => !claimed.has(n));
  return items.map((i) => i.name ?? available.shift() ?? '');
}

function project(node: PlainSyntaxNode, input: TabularPlan, exprs: ScalarExpr[], columns: Column[]): TabularPlan {
  return { kind: 'project', input, exprs, columns, span: spanOf(node) };
}

const lowerProject: OperatorLowering = (node, input, ctx) => {
  const items = listItems(lists(node).pop()).map(namedItem);
  const columns = columnsOf(node);
  if (columns.length !== items.length) return unsupported('This project (column wildcards)', node);
  return project(node, input, items.map((i) => lowerScalar(i.expr, ctx)), columns);
};

/** extend/serialize: input columns stay in place (or are overwritten), new ones are appended, per the binder. */
function lowerExtendItems(node: PlainSyntaxNode, items: PlainSyntaxNode[], input: TabularPlan, ctx: LowerContext): TabularPlan {
  const named = items.map(namedItem);
  const columns = columnsOf(node);
  const inputNames = new Set(input.columns.map((c) => c.name));
  const names = resolveNames(named, columns.map((c) => c.name).filter((n) => !inputNames.has(n)));
  const assigned = new Map<string, ScalarExpr>();
  // Each extend expression sees the input row only (not columns defined earlier in the same extend), as in Kusto
  // where later items may refer to earlier ones: those references resolve by name to the computed expression.
  let rowColumns: Column[] = [...input.columns];
  const exprByIndex: ScalarExpr[] = input.columns.map((_, i) => columnRef(input.columns, i, spanOf(node)));
  named.forEach((item, i) => {
    const name = names[i] ?? '';
    const lowered = substituteColumns(lowerScalar(item.expr, { ...ctx, row: { columns: rowColumns } }), exprByIndex);
    assigned.set(name, lowered);
    const existing = findColumn(rowColumns, name);
    if (existing >= 0) exprByIndex[existing] = lowered;
    else {
      rowColumns = [...rowColumns, { name, type: lowered.type }];
      exprByIndex.push(lowered);
    }
  });
  const exprs = columns.map((column) => {
    const expr = assigned.get(column.name);
    if (expr) return expr;
    const index = findColumn(input.columns, column.name);
    if (index < 0) return unsupported(`The column \`${column.name}\` here`, node);
    return columnRef(input.columns, index, spanOf(node));
  });
  return project(node, input, exprs, columns);
}

/** Replaces column references into the growing extend row by the expressions that compute them. */
function substituteColumns(expr: ScalarExpr, exprByIndex: readonly ScalarExpr[]): ScalarExpr {
  if (expr.kind === 'column') return exprByIndex[expr.index] ?? expr;
  const sub = (e: ScalarExpr): ScalarExpr => substituteColumns(e, exprByIndex);
  switch (expr.kind) {
    case 'literal':
    case 'toscalar':
      return expr;
    case 'binary':
    case 'string-op':
      return { ...expr, left: sub(expr.left), right: sub(expr.right) };
    case 'negate':
      return { ...expr, operand: sub(expr.operand) };
    case 'in':
      return { ...expr, value: sub(expr.value), list: expr.list.map(sub) };
    case 'has-any':
      return { ...expr, value: sub(expr.value), list: expr.list.map(sub) };
    case 'between':
      return { ...expr, value: sub(expr.value), low: sub(expr.low), high: sub(expr.high) };
    case 'call':
      return { ...expr, args: expr.args.map(sub) };
    case 'access':
      return { ...expr, target: sub(expr.target), key: sub(expr.key) };
  }
}

const lowerExtend: OperatorLowering = (node, input, ctx) => lowerExtendItems(node, listItems(lists(node).pop()), input, ctx);

const lowerSerialize: OperatorLowering = (node, input, ctx) => {
  const items = listItems(lists(node).pop());
  const extended = items.length > 0 ? lowerExtendItems(node, items, input, ctx) : input;
  return { kind: 'serialize', input: extended, columns: extended.columns, span: spanOf(node) };
};

/** Output columns taken from the input by name; `renames` maps an output name to its input name. */
function byName(node: PlainSyntaxNode, input: TabularPlan, renames: ReadonlyMap<string, string>): TabularPlan {
  const columns = columnsOf(node);
  const exprs = columns.map((column) => {
    const index = findColumn(input.columns, renames.get(column.name) ?? column.name);
    if (index < 0) return unsupported(`The column \`${column.name}\` here`, node);
    return columnRef(input.columns, index, spanOf(node));
  });
  return project(node, input, exprs, columns);
}

const lowerByName: OperatorLowering = (node, input) => byName(node, input, new Map());

const lowerRename: OperatorLowering = (node, input) => {
  const renames = new Map<string, string>();
  for (const item of listItems(lists(node).pop())) {
    const [declaration, source] = nodes(item);
    if (declaration?.name !== undefined && source?.name !== undefined) renames.set(declaration.name, source.name);
  }
  return byName(node, input, renames);
};

export const PROJECT_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  ProjectOperator: lowerProject,
  ExtendOperator: lowerExtend,
  SerializeOperator: lowerSerialize,
  ProjectAwayOperator: lowerByName,
  ProjectKeepOperator: lowerByName,
  ProjectReorderOperator: lowerByName,
  ProjectRenameOperator: lowerRename,
};
