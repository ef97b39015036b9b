/**
 * The single entry point for KQL analysis, used by the engine worker and the CLI:
 * Kusto's diagnostics plus the sub-detection outline, as plain structured-clone-safe data. Never throws.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { TableSchema } from '../schema/types.ts';
import { analyzeQuery } from './bridge/parse.ts';
import type { BridgeAnalysis } from './bridge/types.ts';
import {
  describeError,
  diagnosticsTruncated,
  internalParserError,
  nestingTooDeep,
  semanticsSkipped,
} from './kql-diagnostics.ts';
import { LineIndex } from './line-index.ts';
import { MAX_BRACKET_NESTING, scanNesting } from './nesting.ts';
import { buildOutline, type OutlineEntry, type ResultStatement } from './outline.ts';

export type { OutlineEntry, ResultStatement } from './outline.ts';

export interface AnalysisResult {
  /** Kusto errors and warnings (KS…), then ours (RB-KQL-…), each with span and 1-based line/column. */
  readonly diagnostics: readonly Diagnostic[];
  /** Tabular lets in source order. Empty when the query could not be analysed. */
  readonly outline: readonly OutlineEntry[];
  /** The final query statement, or null when there is none (or the query could not be analysed). */
  readonly resultStatement: ResultStatement | null;
  /** Line ranges of the top-level statements that span more than one line, so the editor can fold each one. */
  readonly foldableStatements: readonly LineRange[];
  /** Wall time of this call, for the status bar and for spotting slow rules. */
  readonly durationMs: number;
}

export interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

function multiLineStatements(analysis: BridgeAnalysis, lines: LineIndex): LineRange[] {
  const spans = analysis.lets.map((l) => l.statementSpan);
  if (analysis.result) spans.push(analysis.result.span);
  return spans
    .map((span) => ({ startLine: lines.at(span.start).line, endLine: lines.at(Math.max(span.start, span.end - 1)).line }))
    .filter((range) => range.endLine > range.startLine);
}

/** More than this and the list is noise; also bounds what a worker posts back for a pasted megabyte of garbage. */
export const MAX_DIAGNOSTICS = 500;

export function analyze(text: string, tables: readonly TableSchema[]): AnalysisResult {
  const started = now();
  const finish = (
    diagnostics: readonly Diagnostic[],
    outline: readonly OutlineEntry[],
    resultStatement: ResultStatement | null,
    foldableStatements: readonly LineRange[] = [],
  ): AnalysisResult => ({
    diagnostics,
    outline,
    resultStatement,
    foldableStatements,
    durationMs: now() - started,
  });
  try {
    const source = typeof text === 'string' ? text : '';
    const lines = new LineIndex(source);
    const nesting = scanNesting(source, MAX_BRACKET_NESTING);
    if (nesting.exceededAt !== null) {
      const diagnostic = nestingTooDeep(nesting.depth, MAX_BRACKET_NESTING, {
        start: nesting.exceededAt,
        end: nesting.exceededAt + 1,
      });
      return finish([lines.withPosition(diagnostic)], [], null);
    }
    const analysis = analyzeQuery(source, tables);
    const outline = buildOutline(source, analysis, lines);
    const diagnostics: Diagnostic[] = analysis.diagnostics.slice(0, MAX_DIAGNOSTICS);
    if (analysis.semanticsSkipped) diagnostics.push(semanticsSkipped());
    if (analysis.diagnostics.length > MAX_DIAGNOSTICS) {
      diagnostics.push(diagnosticsTruncated(MAX_DIAGNOSTICS, analysis.diagnostics.length));
    }
    return finish(diagnostics, outline.entries, outline.result, multiLineStatements(analysis, lines));
  } catch (error) {
    return finish([internalParserError(describeError(error))], [], null);
  }
}

/**
 * Pays Kusto.Language's one-time costs (static initialisation of its built-in catalogue, ~0.3–1 s, and building the
 * GlobalState for `tables`) before the user's first keystroke needs an answer. Call it when a worker starts or the
 * schema changes. Never throws.
 */
export function warmUp(tables: readonly TableSchema[]): void {
  analyze('print 1', tables);
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
