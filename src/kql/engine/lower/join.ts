/**
 * `join` (all kinds; default innerunique) and `lookup` (default leftouter; right-side key columns dropped).
 * Keys come from `on Col`, `on $left.a == $right.b` (possibly and-ed); output column names are the binder's
 * (duplicates get Kusto's `Col1` suffix there).
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { JoinKind, ScalarExpr, TabularPlan } from '../plan.ts';
import { child, columnsOf, findColumn, listItems, lists, namedParameters, nodes, parameterText, spanOf, unsupported, type LowerContext } from './context.ts';
import { lowerScalar } from './scalar.ts';
import { lowerTabular } from './tabular.ts';
import type { OperatorLowering } from './tabular.ts';

const KINDS: Readonly<Record<string, JoinKind>> = {
  innerunique: 'innerunique', inner: 'inner', leftouter: 'leftouter', rightouter: 'rightouter', fullouter: 'fullouter',
  outer: 'fullouter', leftsemi: 'leftsemi', semi: 'leftsemi', leftanti: 'leftanti', anti: 'leftanti', leftantisemi: 'leftanti',
  rightsemi: 'rightsemi', rightanti: 'rightanti', rightantisemi: 'rightanti',
};

interface Keys {
  left: ScalarExpr[];
  right: ScalarExpr[];
  /** For `on Col`: the names, so lookup can drop right-side key columns. */
  rightKeyNames: string[];
}

function sideOf(path: PlainSyntaxNode): { side: 'left' | 'right'; name: string } | undefined {
  if (path.kind !== 'PathExpression') return undefined;
  const [target, member] = nodes(path);
  if (target?.name === '$left' && member?.name) return { side: 'left', name: member.name };
  if (target?.name === '$right' && member?.name) return { side: 'right', name: member.name };
  return undefined;
}

function collectKeys(conditions: PlainSyntaxNode[], left: TabularPlan, right: TabularPlan, node: PlainSyntaxNode): Keys {
  const keys: Keys = { left: [], right: [], rightKeyNames: [] };
  const ref = (columns: TabularPlan['columns'], name: string, at: PlainSyntaxNode): ScalarExpr => {
    const index = findColumn(columns, name);
    if (index < 0) return unsupported(`The join column \`${name}\``, at);
    const column = columns[index];
    return { kind: 'column', index, name, type: column?.type ?? 'dynamic', span: spanOf(at) };
  };
  const visit = (condition: PlainSyntaxNode): void => {
    if (condition.kind === 'NameReference' && condition.name) {
      keys.left.push(ref(left.columns, condition.name, condition));
      keys.right.push(ref(right.columns, condition.name, condition));
      keys.rightKeyNames.push(condition.name);
      return;
    }
    if (condition.kind === 'AndExpression') {
      for (const part of nodes(condition)) visit(part);
      return;
    }
    if (condition.kind === 'ParenthesizedExpression') {
      for (const part of nodes(condition)) visit(part);
      return;
    }
    if (condition.kind === 'EqualExpression') {
      const [a, b] = nodes(condition);
      const sa = a ? sideOf(a) : undefined;
      const sb = b ? sideOf(b) : undefined;
      if (sa && sb && sa.side !== sb.side) {
        const l = sa.side === 'left' ? sa : sb;
        const r = sa.side === 'left' ? sb : sa;
        keys.left.push(ref(left.columns, l.name, condition));
        keys.right.push(ref(right.columns, r.name, condition));
        keys.rightKeyNames.push(r.name);
        return;
      }
    }
    unsupported('This join condition', condition);
  };
  for (const c of conditions) visit(c);
  if (keys.left.length === 0) unsupported('A join without equality keys', node);
  return keys;
}

function lowerJoinLike(node: PlainSyntaxNode, input: TabularPlan, ctx: LowerContext, isLookup: boolean): TabularPlan {
  const parameters = namedParameters(node);
  const kindValue = parameters.get('kind');
  const kindText = kindValue ? parameterText(kindValue).toLowerCase() : isLookup ? 'leftouter' : 'innerunique';
  const joinKind = KINDS[kindText];
  if (!joinKind) return unsupported(`\`kind=${kindText}\``, node);
  const rightNode = nodes(node).find((n) => n.kind !== 'List' && n.kind !== 'JoinOnClause' && n.kind !== 'JoinWhereClause');
  if (!rightNode) return unsupported('A join without a right side', node);
  const right = lowerTabular(rightNode, { ...ctx, row: { columns: [] } });
  const onClause = child(node, 'JoinOnClause') ?? child(node, 'JoinWhereClause');
  if (!onClause) return unsupported('A join without `on`', node);
  const keys = collectKeys(listItems(lists(onClause).pop() ?? onClause), input, right, node);
  let columns = columnsOf(node);
  const outputs: { side: 'left' | 'right'; index: number }[] = [];
  if (joinKind === 'leftsemi' || joinKind === 'leftanti') input.columns.forEach((_, i) => outputs.push({ side: 'left', index: i }));
  else if (joinKind === 'rightsemi' || joinKind === 'rightanti') right.columns.forEach((_, i) => outputs.push({ side: 'right', index: i }));
  else {
    input.columns.forEach((_, i) => outputs.push({ side: 'left', index: i }));
    const dropped = new Set(isLookup ? keys.rightKeyNames : []);
    right.columns.forEach((c, i) => {
      if (!dropped.has(c.name)) outputs.push({ side: 'right', index: i });
    });
  }
  if (outputs.length !== columns.length) {
    // The binder saw other input columns (a function's table parameter is typed by its declared schema, the
    // lowered input has the caller's columns): name the outputs as Kusto does, a clash gets a numeric suffix.
    const used = new Set<string>();
    columns = outputs.map((o) => {
      const column = (o.side === 'left' ? input.columns : right.columns)[o.index];
      if (!column) return unsupported('This join (its output columns)', node);
      let name = column.name;
      for (let n = 1; used.has(name); n++) name = `${column.name}${n}`;
      used.add(name);
      return { name, type: column.type };
    });
  }
  return {
    kind: 'join',
    left: input,
    right,
    joinKind,
    leftKeys: keys.left,
    rightKeys: keys.right,
    outputs,
    columns,
    span: spanOf(node),
  };
}

export const JOIN_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  JoinOperator: (node, input, ctx) => lowerJoinLike(node, input, ctx, false),
  LookupOperator: (node, input, ctx) => lowerJoinLike(node, input, ctx, true),
};

export { lowerScalar };
