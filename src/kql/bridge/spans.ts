/// <reference types="@kusto/language-service-next" />
/**
 * Spans of syntax elements and Kusto diagnostics, as our 0-based `[start, end)` offsets.
 * A node's span is `[TextStart, End)`: leading trivia (whitespace, `//` comments) is excluded, so a statement's span
 * starts at `let`, not at the comment above it.
 */
import type { SourceSpan } from '../../diagnostics.ts';

type SyntaxElement = Kusto.Language.Syntax.SyntaxElement;

export function spanOf(element: SyntaxElement): SourceSpan {
  return { start: element.TextStart, end: element.End };
}

/** The span a Kusto diagnostic points at, or undefined when it has no location. Missing tokens have length 0. */
export function diagnosticSpan(diagnostic: Kusto.Language.Diagnostic): SourceSpan | undefined {
  if (!diagnostic.HasLocation) return undefined;
  const start = Math.max(0, diagnostic.Start);
  return { start, end: start + Math.max(0, diagnostic.Length) };
}
