import type { Diagnostic } from '../diagnostics.ts';

/**
 * Offset → 1-based line/column, with the same conventions as `lineColumnAt`/`withPosition` in src/diagnostics.ts
 * (only `\n` starts a line; a `\r` is an ordinary column). Those helpers scan from offset 0 on every call, which is
 * quadratic when a 1 MB query yields thousands of diagnostics or lets; this builds the line starts once and
 * binary-searches them. Tests check it agrees with `withPosition`.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  /** 1-based line and column of a 0-based offset, clamped to the text. */
  at(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** Same result as `withPosition(text, diagnostic)`. */
  withPosition(diagnostic: Diagnostic): Diagnostic {
    if (!diagnostic.span) return diagnostic;
    const start = this.at(diagnostic.span.start);
    const end = this.at(diagnostic.span.end);
    return { ...diagnostic, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
}
