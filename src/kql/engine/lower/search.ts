/**
 * `search [kind=case_sensitive] [in (T1, T2…)] Predicate` and `T | search Predicate`: each table is filtered by the
 * predicate over its own columns (a part naming a column the table lacks is false there), then the legs are
 * unioned with `$table`. Terms: `"x"` and `* has "x"` search every column, `Col:"x"` one column (`has`); a
 * leading/trailing `*` in the term makes it a suffix/prefix/substring search. Without `in` and without input, the
 * searched tables are the schema's tables and the query's parameterless views.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { Column, ScalarExpr, TabularPlan } from '../plan.ts';
import { inlineUserCall } from './calls.ts';
import { child, columnsOf, findColumn, listItems, namedParameters, nodes, parameterText, spanOf, Unsupported, unsupported, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import { lowerTabular } from './tabular.ts';
import { legName, unionOfLegs } from './union.ts';

function termOperator(term: string, caseSensitive: boolean): { op: string; needle: string } {
  const cs = caseSensitive ? '_cs' : '';
  const starts = term.startsWith('*');
  const ends = term.endsWith('*') && term.length > 1;
  const needle = term.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (starts && ends) return { op: `contains${cs}`, needle };
  if (ends) return { op: `hasprefix${cs}`, needle };
  if (starts) return { op: `hassuffix${cs}`, needle };
  return { op: `has${cs}`, needle };
}

/** `term` searched in each of `columns` (or-ed); `at` is the row index of a single column. */
function anyColumn(columns: readonly Column[], term: string, caseSensitive: boolean, span: ScalarExpr['span'], at?: number): ScalarExpr {
  const { op, needle } = termOperator(term, caseSensitive);
  const tests: ScalarExpr[] = columns.map((c, index) => ({
    kind: 'string-op',
    op,
    left: { kind: 'column', index: at ?? index, name: c.name, type: c.type, span },
    right: { kind: 'literal', value: needle, type: 'string', span },
    type: 'bool',
    span,
  }));
  const falseExpr: ScalarExpr = { kind: 'literal', value: false, type: 'bool', span };
  if (tests.length === 0) return falseExpr;
  return tests.reduce((a, b): ScalarExpr => ({ kind: 'binary', op: 'or', left: a, right: b, type: 'bool', span }));
}

function lowerPredicate(node: PlainSyntaxNode, columns: readonly Column[], caseSensitive: boolean, ctx: LowerContext): ScalarExpr {
  const span = spanOf(node);
  const falseExpr: ScalarExpr = { kind: 'literal', value: false, type: 'bool', span };
  if (node.kind === 'AndExpression' || node.kind === 'OrExpression') {
    const [left, right] = nodes(node);
    if (!left || !right) return unsupported('This search predicate', node);
    return {
      kind: 'binary',
      op: node.kind === 'AndExpression' ? 'and' : 'or',
      left: lowerPredicate(left, columns, caseSensitive, ctx),
      right: lowerPredicate(right, columns, caseSensitive, ctx),
      type: 'bool',
      span,
    };
  }
  if (node.kind === 'ParenthesizedExpression') {
    const inner = nodes(node)[0];
    return inner ? lowerPredicate(inner, columns, caseSensitive, ctx) : falseExpr;
  }
  if (node.hasLiteral && typeof node.literal === 'string') return anyColumn(columns, node.literal, caseSensitive, span);
  if (node.kind === 'SearchExpression') {
    const [column, term] = nodes(node);
    const index = findColumn(columns, column?.name ?? '');
    if (index < 0 || !term?.hasLiteral) return falseExpr;
    return anyColumn([columns[index] as Column], String(term.literal), caseSensitive, span, index);
  }
  const [first, , third] = node.children;
  if (first?.kind === 'StarExpression' && third?.hasLiteral && node.children.length === 3) {
    const op = (node.children[1]?.tokenText ?? '').toLowerCase();
    if (op === 'has' || op === 'has_cs') return anyColumn(columns, String(third.literal), op === 'has_cs' || caseSensitive, span);
  }
  try {
    return lowerScalar(node, { ...ctx, row: { columns } });
  } catch (error) {
    // A column this table does not have: the predicate part is false for it.
    if (error instanceof Unsupported) return falseExpr;
    throw error;
  }
}

export function lowerSearch(node: PlainSyntaxNode, ctx: LowerContext, pipedInput: TabularPlan | undefined): TabularPlan {
  const parameters = namedParameters(node);
  const kind = parameters.get('kind');
  const caseSensitive = kind ? parameterText(kind).toLowerCase() === 'case_sensitive' : false;
  const inClause = child(node, 'FindInClause');
  const predicate = nodes(node).filter((n) => n.kind !== 'List' && n.kind !== 'FindInClause').pop();
  if (!predicate) return unsupported('search without a predicate', node);
  const legs: { plan: TabularPlan; name: string }[] = [];
  if (pipedInput) legs.push({ plan: pipedInput, name: pipedInput.kind === 'table' ? pipedInput.name : 'union_arg0' });
  else if (inClause) {
    listItems(child(inClause, 'List')).forEach((operand, i) => {
      legs.push({ plan: lowerTabularLeg(operand, ctx), name: legName(operand) ?? `union_arg${i}` });
    });
  } else {
    for (const table of ctx.searchable?.tables ?? []) legs.push({ plan: { kind: 'table', name: table.name, columns: table.columns, span: spanOf(node) }, name: table.name });
    for (const view of ctx.searchable?.views ?? []) {
      const called = inlineUserCall({ kind: 'NameReference', span: node.span, children: [], name: view.name, symbol: { kind: 'Function', name: view.name, id: view.id } }, ctx);
      if (called?.kind === 'tabular') legs.push({ plan: called.plan, name: view.name });
    }
  }
  const filtered = legs.map((leg) => ({
    name: leg.name,
    plan: {
      kind: 'filter',
      input: leg.plan,
      predicate: lowerPredicate(predicate, leg.plan.columns, caseSensitive, ctx),
      columns: leg.plan.columns,
      span: spanOf(predicate),
    } as TabularPlan,
  }));
  return unionOfLegs(filtered.map((l) => l.plan), filtered.map((l) => l.name), columnsOf(node), '$table', false, spanOf(node));
}

function lowerTabularLeg(operand: PlainSyntaxNode, ctx: LowerContext): TabularPlan {
  return lowerTabular(operand, { ...ctx, row: { columns: [] } });
}

/**
 * `find [withsource=C] [in (T1, …)] where Predicate [project c1, …]`: like search, each table is filtered by the
 * predicate over its own columns; the output columns are the binder's (`source_` or C first). A column a table lacks
 * is null (`""` for strings); `pack_` holds the table's other columns as a bag.
 */
export function lowerFind(node: PlainSyntaxNode, ctx: LowerContext): TabularPlan {
  const span = spanOf(node);
  const parameters = namedParameters(node);
  const withSource = parameters.get('withsource');
  const sourceName = withSource ? parameterText(withSource) : 'source_';
  const inClause = child(node, 'FindInClause');
  const predicate = nodes(node).filter((n) => n.kind !== 'List' && n.kind !== 'FindInClause' && n.kind !== 'FindProjectClause').pop();
  if (!predicate) return unsupported('find without a predicate', node);
  const legs: { plan: TabularPlan; name: string }[] = [];
  if (inClause) {
    listItems(child(inClause, 'List')).forEach((operand, i) => {
      legs.push({ plan: lowerTabularLeg(operand, ctx), name: legName(operand) ?? `union_arg${i}` });
    });
  } else {
    for (const table of ctx.searchable?.tables ?? []) legs.push({ plan: { kind: 'table', name: table.name, columns: table.columns, span }, name: table.name });
  }
  const columns = columnsOf(node);
  const sourceIndex = findColumn(columns, sourceName);
  const inputs = legs.map((leg): TabularPlan => {
    const legColumns = leg.plan.columns;
    const filtered: TabularPlan = { kind: 'filter', input: leg.plan, predicate: lowerPredicate(predicate, legColumns, false, ctx), columns: legColumns, span };
    const named = new Set(columns.map((c) => c.name));
    const exprs = columns.map((column, i): ScalarExpr => {
      if (i === sourceIndex) return { kind: 'literal', value: '', type: 'string', span };
      if (column.name === 'pack_' && column.type === 'dynamic') {
        const args: ScalarExpr[] = [];
        legColumns.forEach((c, index) => {
          if (named.has(c.name)) return;
          args.push({ kind: 'literal', value: c.name, type: 'string', span }, { kind: 'column', index, name: c.name, type: c.type, span });
        });
        return args.length > 0 ? { kind: 'call', name: 'bag_pack', args, type: 'dynamic', span } : { kind: 'literal', value: {}, type: 'dynamic', span };
      }
      const index = legColumns.findIndex((c) => c.name === column.name && c.type === column.type);
      if (index >= 0) return { kind: 'column', index, name: column.name, type: column.type, span };
      return { kind: 'literal', value: column.type === 'string' ? '' : null, type: column.type, span };
    });
    return { kind: 'project', input: filtered, exprs, columns, span };
  });
  return {
    kind: 'union',
    inputs,
    columnMaps: inputs.map(() => columns.map((_, i) => (i === sourceIndex ? -1 : i))),
    ...(sourceIndex >= 0 ? { source: { index: sourceIndex, names: legs.map((l) => l.name) } } : {}),
    columns,
    span,
  };
}
