/// <reference types="@kusto/language-service-next" />
/**
 * Top-level statements of an analyzed query → plain facts: each `let` with what its value is and which other lets
 * it refers to, and the final query expression statement with the lets it refers to.
 *
 * References are found by symbol identity (the binder's `ReferencedSymbol` on a name or call is the very symbol
 * the `let` declared), never by re-resolving names, so shadowing inside function bodies cannot confuse it.
 */
import type { LetFacts, ResultStatementFacts } from './types.ts';
import { kustoLanguage } from './load.ts';
import { syntaxListToArray } from './lists.ts';
import { spanOf } from './spans.ts';
import { valueKindOf } from './symbols.ts';

type SyntaxNode = Kusto.Language.Syntax.SyntaxNode;
type SyntaxElement = Kusto.Language.Syntax.SyntaxElement;
type Symbol = Kusto.Language.Symbols.Symbol;
type Statement = Kusto.Language.Syntax.Statement;

/**
 * Every syntax node has `GetChild` at run time, but the .d.ts declares it only on the concrete node classes
 * (SyntaxElement/SyntaxNode are abstract in C#), so a generic walk needs this narrower view.
 */
interface WalkableNode extends SyntaxNode {
  GetChild(index: number): SyntaxElement | null;
}

export interface StatementFacts {
  readonly lets: LetFacts[];
  readonly result: ResultStatementFacts | null;
}

export function extractStatements(root: SyntaxNode | null, withSemantics: boolean): StatementFacts {
  const syntaxKinds = kustoLanguage().Syntax.SyntaxKind;
  // Control commands (`.show …`) parse to a CommandBlock; only a QueryBlock has let/expression statements.
  if (!root || root.Kind !== syntaxKinds.QueryBlock) return { lets: [], result: null };
  // `Element` is the untyped base property; the typed `Element$1` is a Bridge rename we do not need.
  const statements = syntaxListToArray((root as Kusto.Language.Syntax.QueryBlock).Statements)
    .map((separated) => separated.Element)
    .filter((element): element is Statement => element != null && !element.IsToken);

  const letStatements: { statement: Kusto.Language.Syntax.LetStatement; statementIndex: number }[] = [];
  let finalStatement: Kusto.Language.Syntax.ExpressionStatement | null = null;
  for (const [statementIndex, statement] of statements.entries()) {
    if (statement.Kind === syntaxKinds.LetStatement) {
      letStatements.push({ statement: statement as Kusto.Language.Syntax.LetStatement, statementIndex });
    } else if (statement.Kind === syntaxKinds.ExpressionStatement) {
      finalStatement = statement as Kusto.Language.Syntax.ExpressionStatement;
    }
  }

  const letBySymbol = new Map<Symbol, number>();
  if (withSemantics) {
    letStatements.forEach(({ statement }, index) => {
      const declared = statement.Name?.ReferencedSymbol;
      if (declared) letBySymbol.set(declared, index);
    });
  }

  const lets = letStatements.map(({ statement, statementIndex }): LetFacts => {
    const name = statement.Name;
    const value = statement.Expression;
    return {
      name: name?.SimpleName ?? '',
      statementIndex,
      statementSpan: spanOf(statement),
      nameSpan: name ? spanOf(name) : { start: statement.TextStart, end: statement.TextStart },
      valueKind: withSemantics ? valueKindOf(value?.ResultType) : 'other',
      references: withSemantics && value ? referencedLets(value, letBySymbol) : [],
    };
  });

  const result: ResultStatementFacts | null = finalStatement
    ? {
        span: spanOf(finalStatement),
        references: withSemantics ? referencedLets(finalStatement, letBySymbol) : [],
      }
    : null;
  return { lets, result };
}

/**
 * Distinct lets referenced anywhere under `node`, in order of first reference. Iterative on purpose: long pipelines
 * are left-nested `PipeExpression`s, so recursion depth would grow with the number of `|` operators.
 */
function referencedLets(node: SyntaxNode, letBySymbol: ReadonlyMap<Symbol, number>): number[] {
  if (letBySymbol.size === 0) return [];
  const found = new Set<number>();
  const stack: SyntaxElement[] = [node];
  while (stack.length > 0) {
    const element = stack.pop();
    if (!element || element.IsToken) continue;
    const syntaxNode = element as WalkableNode;
    const symbol = syntaxNode.ReferencedSymbol;
    if (symbol) {
      const index = letBySymbol.get(symbol);
      if (index !== undefined) found.add(index);
    }
    for (let i = syntaxNode.ChildCount - 1; i >= 0; i--) {
      const child = syntaxNode.GetChild(i);
      if (child) stack.push(child);
    }
  }
  return [...found];
}
