/**
 * Lowering of scalar expressions: literals, names, operators (`==`, `has`, `in~`, `between`…), dynamic access,
 * `dynamic(...)` literals and `toscalar`. Function calls are in calls.ts.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { DynamicValue } from '../../values/value.ts';
import { newBag } from '../../values/value.ts';
import type { BinaryOperator, ScalarExpr, TabularPlan } from '../plan.ts';
import { toDynamicValue as toDynamic } from '../../values/index.ts';
import { lowerCall } from './calls.ts';
import { child, findColumn, listItems, nodes, spanOf, typeOf, unsupported, type LowerContext } from './context.ts';
import { lowerTabular } from './tabular.ts';

const BINARY_OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '==', '!=', '=~', '!~', 'and', 'or', '<>']);

const STRING_OPERATORS: ReadonlySet<string> = new Set([
  'has', '!has', 'has_cs', '!has_cs', 'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs',
  'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs', 'contains', '!contains', 'contains_cs', '!contains_cs',
  'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs', '!endswith_cs',
  'matches regex',
]);

export function lowerScalar(node: PlainSyntaxNode, ctx: LowerContext): ScalarExpr {
  const span = spanOf(node);
  if (node.kind === 'TypeOfLiteralExpression') {
    // `typeof(int)` reaches functions as the type's name (src/kql/functions/types.ts).
    const name = typeOfName(node);
    if (!name) return unsupported('This typeof()', node);
    return { kind: 'literal', value: name, type: 'string', span };
  }
  if (node.hasLiteral) return { kind: 'literal', value: node.literal ?? null, type: typeOf(node, 'string'), span };
  switch (node.kind) {
    case 'NameReference':
      return lowerName(node, ctx);
    case 'ParenthesizedExpression': {
      const inner = nodes(node)[0];
      return inner ? lowerScalar(inner, ctx) : unsupported('an empty expression', node);
    }
    case 'FunctionCallExpression':
      return lowerCall(node, ctx);
    case 'SimpleNamedExpression': {
      // `bin(Name = Col, 1h)`: the name only names the output column (the binder's); the value is the expression.
      const value = nodes(node).pop();
      return value && value.kind !== 'NameDeclaration' ? lowerScalar(value, ctx) : unsupported('This named expression', node);
    }
    case 'UnaryMinusExpression':
    case 'UnaryPlusExpression': {
      const operand = nodes(node)[0];
      if (!operand) return unsupported('a unary operator without operand', node);
      const lowered = lowerScalar(operand, ctx);
      if (node.kind === 'UnaryPlusExpression') return lowered;
      if (lowered.kind === 'literal' && typeof lowered.value === 'number') return { ...lowered, value: -lowered.value, span };
      if (lowered.kind === 'literal' && typeof lowered.value === 'bigint') return { ...lowered, value: -lowered.value, span };
      return { kind: 'negate', operand: lowered, type: typeOf(node, lowered.type), span };
    }
    case 'PathExpression': {
      const [target, member] = nodes(node);
      if (!target || !member) return unsupported('this member access', node);
      if (member.kind === 'BracketedExpression') {
        // `x.[expr]`: a computed key, as in `x[expr]`.
        const keyNode = nodes(member)[0];
        if (!keyNode) return unsupported('this member access', node);
        return { kind: 'access', target: lowerScalar(target, ctx), key: lowerScalar(keyNode, ctx), type: typeOf(node), span };
      }
      const key = member.name ?? '';
      return { kind: 'access', target: lowerScalar(target, ctx), key: { kind: 'literal', value: key, type: 'string', span: spanOf(member) }, type: typeOf(node), span };
    }
    case 'ElementExpression': {
      const [target, bracketed] = nodes(node);
      const keyNode = bracketed ? nodes(bracketed)[0] : undefined;
      if (!target || !keyNode) return unsupported('this element access', node);
      return { kind: 'access', target: lowerScalar(target, ctx), key: lowerScalar(keyNode, ctx), type: typeOf(node), span };
    }
    case 'DynamicExpression': {
      const inner = nodes(node)[0];
      return { kind: 'literal', value: inner ? jsonValue(inner) : null, type: 'dynamic', span };
    }
    case 'ToScalarExpression': {
      const query = nodes(node).filter((n) => n.kind !== 'List').pop();
      if (!query) return unsupported('toscalar without a query', node);
      if (query.resultType !== 'table') return { ...lowerScalar(query, ctx), span };
      return { kind: 'toscalar', query: lowerTabular(query, { ...ctx, row: { columns: [] } }), type: typeOf(node), span };
    }
    case 'BetweenExpression':
    case 'NotBetweenExpression': {
      const [value, couple] = nodes(node);
      const [low, high] = couple ? nodes(couple) : [];
      if (!value || !low || !high) return unsupported('this between expression', node);
      return {
        kind: 'between',
        negated: node.kind === 'NotBetweenExpression',
        value: lowerScalar(value, ctx),
        low: lowerScalar(low, ctx),
        high: lowerScalar(high, ctx),
        type: 'bool',
        span,
      };
    }
    case 'HasAnyExpression':
    case 'HasAllExpression': {
      const [value, list] = nodes(node);
      if (!value || !list) return unsupported(node.kind, node);
      return {
        kind: 'has-any',
        all: node.kind === 'HasAllExpression',
        value: lowerScalar(value, ctx),
        list: listItems(child(list, 'List')).map((item) => (item.resultType === 'table' ? firstColumnAsArray(item, ctx) : lowerScalar(item, ctx))),
        type: 'bool',
        span,
      };
    }
    case 'InExpression':
    case 'InCsExpression':
    case 'NotInExpression':
    case 'NotInCsExpression':
      return lowerIn(node, ctx);
    default:
      break;
  }
  // Binary operators: [left, operator token, right]
  const [left, operator, right] = node.children;
  const op = operator?.tokenText?.toLowerCase().replace(/\s+/g, ' ');
  if (left && right && op !== undefined && node.children.length === 3) {
    if (BINARY_OPERATORS.has(op)) {
      return {
        kind: 'binary',
        op: (op === '<>' ? '!=' : op) as BinaryOperator,
        left: lowerScalar(left, ctx),
        right: lowerScalar(right, ctx),
        type: typeOf(node, 'bool'),
        span,
      };
    }
    if (STRING_OPERATORS.has(op)) {
      return { kind: 'string-op', op, left: lowerScalar(left, ctx), right: lowerScalar(right, ctx), type: 'bool', span };
    }
    return unsupported(`The operator \`${op}\``, node);
  }
  return unsupported(`\`${node.kind}\``, node);
}

/** `has_any (T)` with a table: its first column as one dynamic array, computed once per run. */
function firstColumnAsArray(node: PlainSyntaxNode, ctx: LowerContext): ScalarExpr {
  const span = spanOf(node);
  const table = lowerTabular(node, { ...ctx, row: { columns: [] } });
  const first = table.columns[0];
  if (!first) return unsupported('A table without columns here', node);
  const value: ScalarExpr = { kind: 'column', index: 0, name: first.name, type: first.type, span };
  const query: TabularPlan = {
    kind: 'summarize',
    input: table,
    keys: [],
    aggregates: [{ name: 'make_list', args: [value], argTypes: [first.type], outputs: [{ kind: 'result', type: 'dynamic' }], span }],
    outputs: [{ kind: 'column', index: 0, name: 'list', type: 'dynamic', span }],
    columns: [{ name: 'list', type: 'dynamic' }],
    span,
  };
  return { kind: 'toscalar', query, type: 'dynamic', span };
}

const TYPE_NAMES: Readonly<Record<string, string>> = { date: 'datetime', time: 'timespan', double: 'real', boolean: 'bool', int64: 'long', int32: 'int', uniqueid: 'guid' };

/** The KQL type named by `typeof(T)` (its symbol is the primitive type). */
function typeOfName(node: PlainSyntaxNode): string | undefined {
  const find = (n: PlainSyntaxNode): string | undefined => {
    if (n.symbol?.kind === 'Primitive') return n.symbol.name;
    for (const c of n.children) {
      const found = find(c);
      if (found) return found;
    }
    return undefined;
  };
  const name = find(node)?.toLowerCase();
  return name === undefined ? undefined : (TYPE_NAMES[name] ?? name);
}

function lowerName(node: PlainSyntaxNode, ctx: LowerContext): ScalarExpr {
  const span = spanOf(node);
  const symbol = node.symbol;
  if (symbol && symbol.kind !== 'Column') {
    const binding = ctx.scope.lookup(symbol.id);
    if (binding?.kind === 'scalar') return { ...binding.expr, span } as ScalarExpr;
    if (binding?.kind === 'tabular') return unsupported('Using a table as a scalar', node);
  }
  const name = node.name ?? '';
  const index = findColumn(ctx.row.columns, name);
  if (index >= 0) {
    const column = ctx.row.columns[index];
    return { kind: 'column', index, name, type: column?.type ?? typeOf(node), span };
  }
  return unsupported(`The name \`${name}\` here`, node);
}

function lowerIn(node: PlainSyntaxNode, ctx: LowerContext): ScalarExpr {
  const [value, operator, list] = node.children;
  const op = operator?.tokenText ?? 'in';
  if (!value || !list) return unsupported('this in expression', node);
  const items: ScalarExpr[] = [];
  const subqueries: TabularPlan[] = [];
  const itemNodes = list.kind === 'ExpressionList' ? listItems(child(list, 'List')) : [list];
  for (const item of itemNodes) {
    if (item.resultType === 'table') subqueries.push(lowerTabular(item, { ...ctx, row: { columns: [] } }));
    else items.push(lowerScalar(item, ctx));
  }
  return {
    kind: 'in',
    negated: op.startsWith('!'),
    caseInsensitive: op.endsWith('~'),
    value: lowerScalar(value, ctx),
    list: items,
    subqueries,
    type: 'bool',
    span: spanOf(node),
  };
}

/** A `dynamic(...)` literal's JSON-like syntax → DynamicValue. */
export function jsonValue(node: PlainSyntaxNode): DynamicValue {
  switch (node.kind) {
    case 'JsonArrayExpression':
      return listItems(child(node, 'List')).map(jsonValue);
    case 'JsonObjectExpression': {
      const bag = newBag();
      for (const pair of listItems(child(node, 'List'))) {
        const keyToken = pair.children[0];
        const value = pair.children[2];
        if (!keyToken || !value) continue;
        bag[decodeKey(keyToken.tokenText ?? keyToken.name ?? '')] = jsonValue(value);
      }
      return bag;
    }
    case 'ParenthesizedExpression':
    case 'DynamicExpression': {
      const inner = nodes(node)[0];
      return inner ? jsonValue(inner) : null;
    }
    case 'UnaryMinusExpression': {
      const inner = nodes(node)[0];
      const v = inner ? jsonValue(inner) : null;
      return typeof v === 'number' ? -v : typeof v === 'bigint' ? -v : v;
    }
    default:
      if (node.hasLiteral) return toDynamic(node.literal ?? null, typeOf(node, 'string'));
      return unsupported(`\`${node.kind}\` inside dynamic()`, node);
  }
}

function decodeKey(text: string): string {
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return text.slice(1, -1);
    }
  }
  if (text.startsWith("'")) return text.slice(1, -1).replace(/\\(.)/g, '$1');
  if (text.startsWith('@')) return text.slice(2, -1);
  return text;
}
