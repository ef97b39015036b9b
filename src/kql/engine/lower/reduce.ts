/** `reduce [kind=source] by Expr [with threshold=T, characters=C]`. */
import type { TabularPlan } from '../plan.ts';
import { child, columnsOf, namedParameters, nodes, parameterText, spanOf, unsupported } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

const lowerReduce: OperatorLowering = (node, input, ctx): TabularPlan => {
  const expr = nodes(node).find((n) => n.kind !== 'List' && n.kind !== 'ReduceByWithClause');
  if (!expr) return unsupported('reduce without an expression', node);
  const kindNode = namedParameters(node).get('kind');
  const kind = kindNode ? parameterText(kindNode).toLowerCase() : '';
  if (kind && kind !== 'source') return unsupported(`reduce kind=${kind}`, kindNode ?? node);
  const withClause = child(node, 'ReduceByWithClause');
  const options = withClause ? namedParameters(withClause) : new Map();
  const thresholdNode = options.get('threshold');
  const charactersNode = options.get('characters');
  if (thresholdNode && !thresholdNode.hasLiteral) return unsupported('reduce threshold that is not a literal', thresholdNode);
  if (charactersNode && !charactersNode.hasLiteral) return unsupported('reduce characters that is not a literal', charactersNode);
  const threshold = thresholdNode ? Number(thresholdNode.literal) : 0.1;
  return {
    kind: 'reduce',
    input,
    expr: lowerScalar(expr, ctx),
    threshold: Number.isFinite(threshold) ? threshold : 0.1,
    characters: charactersNode ? String(charactersNode.literal ?? '') : null,
    source: kind === 'source',
    columns: columnsOf(node),
    span: spanOf(node),
  };
};

export const REDUCE_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  ReduceByOperator: lowerReduce,
};
