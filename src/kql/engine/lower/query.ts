/**
 * Lowers a whole query (top-level lets + the last expression statement) to the Plan of its result table.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { TabularPlan } from '../plan.ts';
import { listItems, lists, nodes, spanOf, Scope, unsupported, type LowerContext } from './context.ts';
import { bindLet } from './lets.ts';
import { lowerScalar } from './scalar.ts';
import { lowerTabular } from './tabular.ts';

export function lowerQuery(root: PlainSyntaxNode): TabularPlan {
  const ctx: LowerContext = { scope: new Scope(), row: { columns: [] }, ids: { next: 1 } };
  const statements = listItems(lists(root).pop());
  let result: PlainSyntaxNode | undefined;
  for (const statement of statements) {
    if (statement.kind === 'LetStatement') bindLet(statement, ctx);
    else if (statement.kind === 'ExpressionStatement') result = nodes(statement)[0];
    // `set option = value;` request properties change nothing the evaluator models: accepted and ignored.
    else if (statement.kind === 'SetOptionStatement') continue;
    else if (statement.kind !== 'SemicolonToken') unsupported(`\`${statement.kind}\``, statement);
  }
  if (!result) return unsupported('A query without a tabular expression', root);
  if (result.resultType !== 'table') {
    // A bare scalar statement (`1 + 1`) behaves like `print`.
    const expr = lowerScalar(result, ctx);
    return { kind: 'print', exprs: [expr], columns: [{ name: 'print_0', type: expr.type }], span: spanOf(result) };
  }
  return lowerTabular(result, ctx);
}
