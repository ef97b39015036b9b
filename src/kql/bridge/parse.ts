/// <reference types="@kusto/language-service-next" />
/**
 * Runs Kusto.Language over one query against our schema and returns plain facts (`BridgeAnalysis`).
 * Nothing returned from here references a Bridge.NET object.
 */
import type { Diagnostic } from '../../diagnostics.ts';
import type { TableSchema } from '../../schema/types.ts';
import { LineIndex } from '../line-index.ts';
import type { BridgeAnalysis } from './types.ts';
import { kustoLanguage } from './load.ts';
import { convertDiagnostic } from './kusto-diagnostics.ts';
import { toArray } from './lists.ts';
import { extractStatements } from './statements.ts';
import { globalStateFor } from './symbols.ts';

export interface AnalyzeQueryOptions {
  /**
   * Above this many syntax diagnostics the text is not a query being edited but pasted garbage; semantic analysis
   * would then only add cost (1 MB of `foo bar` takes ~7 s to parse and ~13 s more to bind) and noise.
   */
  readonly maxSyntaxDiagnosticsForSemantics?: number;
}

const DEFAULT_MAX_SYNTAX_DIAGNOSTICS_FOR_SEMANTICS = 1000;

export function analyzeQuery(
  text: string,
  tables: readonly TableSchema[],
  options: AnalyzeQueryOptions = {},
): BridgeAnalysis {
  const language = kustoLanguage();
  const globals = globalStateFor(tables);
  // Parse, then Analyze: the same work as KustoCode.ParseAndAnalyze, split so garbage can skip binding.
  const parsed = language.KustoCode.Parse(text, globals);
  if (!parsed) throw new Error('Kusto.Language returned no parse result');
  const limit = options.maxSyntaxDiagnosticsForSemantics ?? DEFAULT_MAX_SYNTAX_DIAGNOSTICS_FOR_SEMANTICS;
  const syntaxDiagnostics = toArray(parsed.GetSyntaxDiagnostics());
  const semanticsSkipped = syntaxDiagnostics.length > limit;
  const code = semanticsSkipped ? parsed : parsed.Analyze(globals);
  if (!code) throw new Error('Kusto.Language returned no analysis result');

  const lines = new LineIndex(text);
  const kustoDiagnostics = semanticsSkipped ? syntaxDiagnostics : toArray(code.GetDiagnostics());
  const diagnostics: Diagnostic[] = [];
  for (const kustoDiagnostic of kustoDiagnostics) {
    const converted = convertDiagnostic(kustoDiagnostic, lines);
    if (converted) diagnostics.push(converted);
  }
  const { lets, result } = extractStatements(code.Syntax, !semanticsSkipped);
  return { diagnostics, lets, result, semanticsSkipped };
}
