/// <reference types="@kusto/language-service-next" />
/** Kusto diagnostics → our Diagnostic shape (Kusto's own codes, mapped severity, span and 1-based positions). */
import type { Diagnostic, Severity } from '../../diagnostics.ts';
import type { LineIndex } from '../line-index.ts';
import { diagnosticSpan } from './spans.ts';

/**
 * Kusto severities are strings ("Error", "Warning", "Suggestion", "Information", "Hidden"). Suggestions and hidden
 * diagnostics are editor hints, not findings about the rule, so they are dropped (null).
 */
export function mapSeverity(severity: string | null): Severity | null {
  switch (severity) {
    case 'Error':
      return 'error';
    case 'Warning':
      return 'warning';
    case 'Information':
      return 'info';
    default:
      return null;
  }
}

export function convertDiagnostic(diagnostic: Kusto.Language.Diagnostic, lines: LineIndex): Diagnostic | null {
  const severity = mapSeverity(diagnostic.Severity);
  if (!severity) return null;
  const span = diagnosticSpan(diagnostic);
  const base: Diagnostic = {
    code: diagnostic.Code ?? 'KS000',
    severity,
    message: diagnostic.Message ?? diagnostic.Description ?? 'unknown Kusto diagnostic',
    ...(span ? { span } : {}),
  };
  return lines.withPosition(base);
}
