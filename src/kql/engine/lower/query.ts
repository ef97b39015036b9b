/**
 * Lowers a whole query (top-level lets + the last expression statement) to the Plan of its result table.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { TabularPlan } from '../plan.ts';
import type { KqlType, TableSchema } from '../../../schema/types.ts';
import type { KqlValue } from '../../values/value.ts';
import { child, listItems, lists, nodes, spanOf, Scope, unsupported, type LowerContext } from './context.ts';
import { bindLet } from './lets.ts';
import { lowerScalar } from './scalar.ts';
import { lowerTabular } from './tabular.ts';

export function lowerQuery(root: PlainSyntaxNode, schema: readonly TableSchema[] = []): TabularPlan {
  const views: { name: string; id: number }[] = [];
  const tables = schema.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) }));
  const options = new Map<string, { value: KqlValue; type: KqlType }>();
  const ctx: LowerContext = { scope: new Scope(), row: { columns: [] }, ids: { next: 1 }, searchable: { tables, views }, options };
  const statements = listItems(lists(root).pop());
  let result: PlainSyntaxNode | undefined;
  for (const statement of statements) {
    if (statement.kind === 'LetStatement') {
      bindLet(statement, ctx);
      const view = viewOf(statement);
      if (view) views.push(view);
    }
    else if (statement.kind === 'ExpressionStatement') result = nodes(statement)[0];
    // `set option = value;`: literal values are kept for the options the evaluator models (bin_auto's); others are
    // request properties that change nothing here.
    else if (statement.kind === 'SetOptionStatement') setOption(statement, options);
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

function setOption(statement: PlainSyntaxNode, options: Map<string, { value: KqlValue; type: KqlType }>): void {
  const name = child(statement, 'NameDeclaration')?.name;
  const clause = child(statement, 'OptionValueClause');
  const value = clause ? nodes(clause)[0] : undefined;
  if (!name || !value?.hasLiteral) return;
  const type = value.resultType;
  options.set(name.toLowerCase(), { value: value.literal ?? null, type: type && type !== 'table' ? type : 'dynamic' });
}

/** `let V = view () { … }`: a parameterless view, which `search` (without `in`) includes. */
function viewOf(statement: PlainSyntaxNode): { name: string; id: number } | undefined {
  const declaration = child(statement, 'NameDeclaration');
  const fn = child(statement, 'FunctionDeclaration');
  if (!declaration?.symbol || declaration.name === undefined || !fn || !child(fn, 'ViewKeyword')) return undefined;
  const parameters = child(fn, 'FunctionParameters');
  if (listItems(parameters ? child(parameters, 'List') : undefined).length > 0) return undefined;
  return { name: declaration.name, id: declaration.symbol.id };
}
