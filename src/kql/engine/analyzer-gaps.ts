/**
 * Kusto.Language 12.4.1 (the parser we pin) rejects a few forms that the Kusto service itself runs: the
 * documentation prints their output. Refusing them would make Rulebench stricter than Defender, so the engine
 * turns exactly these analyzer errors into warnings that say what the service does, and evaluates the query.
 * Every gap is matched on the diagnostic's code and on the syntax node it points at, never on the message text
 * alone, so an ordinary type error keeps blocking the run.
 */
import type { Diagnostic } from '../../diagnostics.ts';
import type { PlainSyntaxNode } from '../bridge/syntax-tree.ts';

interface AnalyzerGap {
  readonly code: string;
  /** True when the node the diagnostic covers is the argument this gap is about. */
  readonly matches: (target: PlainSyntaxNode, call: PlainSyntaxNode) => boolean;
  readonly explanation: string;
}

const GAPS: readonly AnalyzerGap[] = [
  {
    // `summarize count(x)`: the service counts every row of the group, nulls included, and ignores the argument.
    code: 'KS107',
    matches: (target, call) => callName(call) === 'count' && callArguments(call).length === 1 && callArguments(call)[0] === target,
    explanation: 'the Kusto service accepts `count(expr)` and counts every row, nulls included',
  },
  {
    // make_timespan(d, h, m, s): the service takes fractional seconds (the docs show 55.123).
    code: 'KS134',
    matches: (target, call) => callName(call) === 'make_timespan' && callArguments(call).at(-1) === target,
    explanation: 'the Kusto service accepts fractional seconds in `make_timespan`',
  },
  {
    // evaluate bag_unpack(d, ignoredProperties=dynamic([...])): the documented argument is a dynamic array.
    code: 'KS107',
    matches: (target, call) =>
      callName(call) === 'bag_unpack' &&
      callArguments(call).some((arg) => arg.kind === 'SimpleNamedExpression' && namedValue(arg, 'ignoredProperties') === target),
    explanation: 'the Kusto service accepts a dynamic array for `ignoredProperties`',
  },
];

/** Returns the diagnostics with the known analyzer gaps downgraded to warnings (everything else unchanged). */
export function reconcileAnalyzerGaps(tree: PlainSyntaxNode | null, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (!tree) return [...diagnostics];
  return diagnostics.map((diagnostic) => {
    if (diagnostic.severity !== 'error' || !diagnostic.span) return diagnostic;
    const gap = findGap(tree, diagnostic);
    if (!gap) return diagnostic;
    return {
      ...diagnostic,
      severity: 'warning',
      message: `${diagnostic.message} (Kusto.Language 12.4.1 reports this, but ${gap.explanation}; Rulebench evaluates it the same way)`,
    };
  });
}

function findGap(tree: PlainSyntaxNode, diagnostic: Diagnostic): AnalyzerGap | undefined {
  const span = diagnostic.span;
  if (!span) return undefined;
  const path = pathTo(tree, span.start, span.end);
  if (!path) return undefined;
  const target = path[path.length - 1];
  if (!target) return undefined;
  for (let i = path.length - 2; i >= 0; i--) {
    const node = path[i];
    if (node?.kind !== 'FunctionCallExpression') continue;
    const gap = GAPS.find((candidate) => candidate.code === diagnostic.code && candidate.matches(target, node));
    if (gap) return gap;
  }
  return undefined;
}

/** The chain of nodes from the root to the outermost node whose span is exactly [start, end). */
function pathTo(node: PlainSyntaxNode, start: number, end: number): PlainSyntaxNode[] | null {
  if (node.span[0] > start || node.span[1] < end) return null;
  if (node.span[0] === start && node.span[1] === end && node.kind !== 'List') return [node];
  for (const child of node.children) {
    const rest = pathTo(child, start, end);
    if (rest) return [node, ...rest];
  }
  return null;
}

function callName(call: PlainSyntaxNode): string | undefined {
  return call.children[0]?.name;
}

/** The argument expressions of a FunctionCallExpression (its ExpressionList holds one List of arguments). */
function callArguments(call: PlainSyntaxNode): readonly PlainSyntaxNode[] {
  const list = call.children[1]?.children.find((child) => child.kind === 'List');
  return list?.children ?? [];
}

function namedValue(named: PlainSyntaxNode, name: string): PlainSyntaxNode | undefined {
  // Children: NameDeclaration, the `=` token, the value.
  const declaration = named.children[0];
  return declaration?.name === name ? named.children.at(-1) : undefined;
}
