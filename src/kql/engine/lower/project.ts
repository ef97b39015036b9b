/**
 * The project family: `project`, `extend`, `project-away`, `project-keep`, `project-rename`, `project-reorder`,
 * `serialize` (with its extend-like columns). All lower to one `project` node whose output columns are the binder's
 * and whose expressions read the input row.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { Column, ScalarExpr, TabularPlan } from '../plan.ts';
import { callParts } from './calls.ts';
import { child, columnRef, columnsOf, findColumn, lists, listItems, nodes, spanOf, unsupported, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

interface NamedItem {
  readonly name: string | undefined;
  readonly expr: PlainSyntaxNode;
  /** A function returning several columns (array_sort_asc(a, b)): which one. */
  readonly element?: number;
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

/**
 * Items with functions that return several columns expanded: `(a, b) = array_sort_asc(x, y)` names them; an
 * unnamed call whose binder type is a tuple (no scalar type) gives one column per dynamic argument.
 */
export function namedItems(items: readonly PlainSyntaxNode[]): NamedItem[] {
  const out: NamedItem[] = [];
  for (const item of items) {
    if (item.kind === 'CompoundNamedExpression') {
      const names = listItems(child(child(item, 'RenameList') ?? item, 'List')).map((n) => n.name);
      const expr = nodes(item).find((n) => n.kind !== 'RenameList');
      if (!expr) return unsupported('This assignment', item);
      names.forEach((name, element) => out.push({ name, expr, element }));
      continue;
    }
    if (item.kind === 'FunctionCallExpression' && item.resultType === undefined) {
      const width = callParts(item).args.filter((a) => a.resultType === 'dynamic').length;
      if (width > 1) {
        for (let element = 0; element < width; element++) out.push({ name: undefined, expr: item, element });
        continue;
      }
    }
    out.push(namedItem(item));
  }
  return out;
}

/** Lowers an item's expression (one element of a multi-column function result when `element` is set). */
export function lowerItem(item: NamedItem, ctx: LowerContext): ScalarExpr {
  const expr = lowerScalar(item.expr, ctx);
  if (item.element === undefined) return expr;
  const span = spanOf(item.expr);
  return { kind: 'access', target: expr, key: { kind: 'literal', value: item.element, type: 'long', span }, type: 'dynamic', span };
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
  const items = namedItems(listItems(lists(node).pop()));
  const columns = columnsOf(node);
  if (columns.length !== items.length) return unsupported('This project (its output columns)', node);
  return project(node, input, items.map((i) => lowerItem(i, ctx)), columns);
};

/** extend/serialize: input columns stay in place (or are overwritten), new ones are appended, per the binder. */
function lowerExtendItems(node: PlainSyntaxNode, items: PlainSyntaxNode[], input: TabularPlan, ctx: LowerContext): TabularPlan {
  const named = namedItems(items);
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
    const lowered = substituteColumns(lowerItem(item, { ...ctx, row: { columns: rowColumns, inputWidth: input.columns.length } }), exprByIndex);
    assigned.set(name, lowered);
    const existing = findColumn(rowColumns, name);
    if (existing >= 0) exprByIndex[existing] = lowered;
    else {
      rowColumns = [...rowColumns, { name, type: lowered.type }];
      exprByIndex.push(lowered);
    }
  });
  // The output is the input's columns (overwritten in place) then the new ones, typed as the binder says. Built from
  // the lowered input, not the binder's list: inside a function whose table parameter declares fewer columns than
  // the caller passes, the binder's list lacks the extra columns, which extend keeps.
  const binderTypes = new Map(columns.map((c) => [c.name, c.type]));
  const outputColumns = rowColumns.map((c) => ({ name: c.name, type: binderTypes.get(c.name) ?? c.type }));
  return project(node, input, exprByIndex, outputColumns);
}

/** The column indexes an expression reads (not inside subqueries, which have their own rows). */
export function columnsUsed(expr: ScalarExpr, out: Set<number> = new Set()): Set<number> {
  const visit = (e: ScalarExpr): void => {
    switch (e.kind) {
      case 'column':
        out.add(e.index);
        return;
      case 'literal':
      case 'toscalar':
        return;
      case 'binary':
      case 'string-op':
        visit(e.left);
        visit(e.right);
        return;
      case 'negate':
        visit(e.operand);
        return;
      case 'in':
      case 'has-any':
        visit(e.value);
        e.list.forEach(visit);
        return;
      case 'between':
        visit(e.value);
        visit(e.low);
        visit(e.high);
        return;
      case 'call':
      case 'window':
        e.args.forEach(visit);
        return;
      case 'access':
        visit(e.target);
        visit(e.key);
        return;
    }
  };
  visit(expr);
  return out;
}

/** Replaces column references into the growing extend row by the expressions that compute them. */
export function substituteColumns(expr: ScalarExpr, exprByIndex: readonly ScalarExpr[]): ScalarExpr {
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
    case 'window':
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

/** The column-name patterns an operator lists (`Col`, `Prefix*`). */
function listedPatterns(node: PlainSyntaxNode): string[] | undefined {
  const names: string[] = [];
  for (const item of listItems(lists(node).pop())) {
    const target = item.kind === 'OrderedExpression' ? nodes(item)[0] : item;
    if (target?.kind !== 'NameReference' || target.name === undefined) return undefined;
    names.push(target.name);
  }
  return names;
}

/**
 * project-away / project-keep over the lowered input's columns (the binder's list can lack columns inside a
 * function whose table parameter declares fewer than the caller passes); falls back to the binder's list.
 */
function lowerAwayOrKeep(keep: boolean): OperatorLowering {
  return (node, input) => {
    const patterns = listedPatterns(node);
    if (!patterns) return byName(node, input, new Map());
    const matchers = patterns.map(namePattern);
    const span = spanOf(node);
    const chosen: number[] = [];
    input.columns.forEach((c, i) => {
      if (matchers.some((m) => m(c.name)) === keep) chosen.push(i);
    });
    const binder = columnsOf(node);
    if (!keep && chosen.length === binder.length && chosen.every((i, k) => input.columns[i]?.name === binder[k]?.name)) return byName(node, input, new Map());
    return project(node, input, chosen.map((i) => columnRef(input.columns, i, span)), chosen.map((i) => input.columns[i] as Column));
  };
}

const lowerRename: OperatorLowering = (node, input) => {
  const renames = new Map<string, string>();
  for (const item of listItems(lists(node).pop())) {
    const [declaration, source] = nodes(item);
    if (declaration?.name !== undefined && source?.name !== undefined) renames.set(declaration.name, source.name);
  }
  return byName(node, input, renames);
};

/** A column-name pattern with `*` wildcards as a predicate. */
export function namePattern(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*')) return (name) => name === pattern;
  const parts = pattern.split('*');
  return (name) => {
    let at = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (i === 0) {
        if (!name.startsWith(part)) return false;
        at = part.length;
      } else if (i === parts.length - 1) {
        return name.length - part.length >= at && name.endsWith(part);
      } else {
        const found = name.indexOf(part, at);
        if (found < 0) return false;
        at = found + part.length;
      }
    }
    return true;
  };
}

/**
 * `project-by-names "A", "B*", dynamic([…]), column_names_of(T)`: the names must be constants (after inlining);
 * each selects the input columns it matches, in input order; names that match nothing are ignored.
 */
const lowerProjectByNames: OperatorLowering = (node, input, ctx) => {
  const patterns: string[] = [];
  for (const item of listItems(lists(node).pop())) {
    const expr = lowerScalar(item, ctx);
    if (expr.kind !== 'literal') return unsupported('project-by-names with a non-constant name', item);
    const values = Array.isArray(expr.value) ? expr.value : [expr.value];
    for (const v of values) if (typeof v === 'string') patterns.push(v);
  }
  const chosen: number[] = [];
  for (const pattern of patterns) {
    const matches = namePattern(pattern);
    input.columns.forEach((c, i) => {
      if (matches(c.name) && !chosen.includes(i)) chosen.push(i);
    });
  }
  const span = spanOf(node);
  return project(node, input, chosen.map((i) => columnRef(input.columns, i, span)), chosen.map((i) => input.columns[i] as Column));
};

export const PROJECT_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  ProjectByNamesOperator: lowerProjectByNames,
  ProjectOperator: lowerProject,
  ExtendOperator: lowerExtend,
  SerializeOperator: lowerSerialize,
  ProjectAwayOperator: lowerAwayOrKeep(false),
  ProjectKeepOperator: lowerAwayOrKeep(true),
  ProjectReorderOperator: lowerByName,
  ProjectRenameOperator: lowerRename,
};
