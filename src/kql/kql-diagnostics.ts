/**
 * Rulebench's own diagnostics about KQL analysis (RB-KQL-NNN). Kusto's findings keep Kusto's codes (KS142, …).
 * Factories, so each code has one message shape; candidates for the shared catalogue in src/diagnostics.ts.
 */
import type { Diagnostic, SourceSpan } from '../diagnostics.ts';

/** Kusto.Language threw: a bug in it or in our bridge, never the user's fault, but reported rather than thrown. */
export function internalParserError(detail: string): Diagnostic {
  return { code: 'RB-KQL-001', severity: 'error', message: `internal parser error: ${detail}` };
}

/** The query nests brackets so deeply that Kusto's parser would take minutes; it was not parsed at all. */
export function nestingTooDeep(depth: number, limit: number, span: SourceSpan): Diagnostic {
  return {
    code: 'RB-KQL-002',
    severity: 'error',
    message: `brackets are nested more than ${limit} deep (at least ${depth}); the query was not analysed`,
    span,
  };
}

/** So many syntax errors that the text is not a query; only syntax was checked. */
export function semanticsSkipped(): Diagnostic {
  return {
    code: 'RB-KQL-003',
    severity: 'info',
    message: 'too many syntax errors: names and types were not checked',
  };
}

/** More diagnostics than are worth sending to the editor. */
export function diagnosticsTruncated(shown: number, total: number): Diagnostic {
  return {
    code: 'RB-KQL-004',
    severity: 'info',
    message: `showing the first ${shown} of ${total} problems`,
  };
}

/** Turns anything thrown (JS Error, Bridge.NET System.Exception, string) into one line of text. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    // Bridge.NET exceptions are not `Error`s; they carry a C#-style `Message`.
    const message = (error as { Message?: unknown; message?: unknown }).Message ?? (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}
