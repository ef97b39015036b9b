/**
 * The rule's sub-detection outline: its tabular `let`s (the sub-queries a detection unions or joins), in source
 * order, and whether each one feeds the rows the rule finally returns.
 *
 * Scalar lets (`let Paths = dynamic([...])`), user functions (`let f = (x:string) { ... }`) and lets whose value
 * did not resolve are not sub-detections. Works from the bridge's plain facts only; never touches Kusto objects.
 */
import type { SourceSpan } from '../diagnostics.ts';
import type { BridgeAnalysis } from './bridge/types.ts';
import { LineIndex } from './line-index.ts';

export interface OutlineEntry {
  readonly name: string;
  /** 0-based position in the outline (the sub-detection number minus one). */
  readonly index: number;
  /** The whole `let … = …` statement, without the trailing `;` or comments above it. */
  readonly statementSpan: SourceSpan;
  readonly nameSpan: SourceSpan;
  /** 1-based lines of the statement's first and last characters. */
  readonly startLine: number;
  readonly endLine: number;
  /** Whether the final query statement reads this let, directly or through other lets/functions. */
  readonly reachesResult: boolean;
}

export interface ResultStatement {
  /** The last top-level query expression statement: the rows the rule returns. */
  readonly span: SourceSpan;
  readonly startLine: number;
  readonly endLine: number;
}

export interface RuleOutline {
  readonly entries: readonly OutlineEntry[];
  readonly result: ResultStatement | null;
}

export function buildOutline(text: string, analysis: BridgeAnalysis, lines: LineIndex = new LineIndex(text)): RuleOutline {
  const reached = reachableLets(analysis);
  const entries: OutlineEntry[] = [];
  analysis.lets.forEach((facts, letIndex) => {
    if (facts.valueKind !== 'tabular') return;
    entries.push({
      name: facts.name,
      index: entries.length,
      statementSpan: facts.statementSpan,
      nameSpan: facts.nameSpan,
      ...lineRange(lines, facts.statementSpan),
      reachesResult: reached.has(letIndex),
    });
  });
  const result = analysis.result ? { span: analysis.result.span, ...lineRange(lines, analysis.result.span) } : null;
  return { entries, result };
}

/** Lets reachable from the final statement through the reference graph (which includes scalar lets and functions). */
function reachableLets(analysis: BridgeAnalysis): Set<number> {
  const reached = new Set<number>();
  const pending = [...(analysis.result?.references ?? [])];
  while (pending.length > 0) {
    const index = pending.pop();
    if (index === undefined || reached.has(index)) continue;
    reached.add(index);
    for (const next of analysis.lets[index]?.references ?? []) pending.push(next);
  }
  return reached;
}

function lineRange(lines: LineIndex, span: SourceSpan): { startLine: number; endLine: number } {
  const startLine = lines.at(span.start).line;
  // `end` is exclusive; the last character decides the last line.
  const endLine = lines.at(Math.max(span.start, span.end - 1)).line;
  return { startLine, endLine };
}
