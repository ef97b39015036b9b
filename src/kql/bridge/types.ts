/**
 * Plain, structured-clone-safe facts the bridge extracts from one Kusto analysis. Nothing here holds a Bridge.NET
 * object, so it can cross a worker boundary and be consumed by code that never touches Kusto.Language.
 */
import type { Diagnostic, SourceSpan } from '../../diagnostics.ts';

/**
 * What a `let` binds, from the binder's ResultType of its value:
 * `tabular` (a table, e.g. `T | where …` or `materialize(…)`), `scalar` (including `dynamic`),
 * `function` (`(x:string) { … }`, `view () { … }`), or `other` (unresolved, error, database/cluster refs, …).
 */
export type LetValueKind = 'tabular' | 'scalar' | 'function' | 'other';

export interface LetFacts {
  readonly name: string;
  /** Position of the statement among all top-level statements of the query. */
  readonly statementIndex: number;
  readonly statementSpan: SourceSpan;
  readonly nameSpan: SourceSpan;
  readonly valueKind: LetValueKind;
  /** Indexes into `BridgeAnalysis.lets` of the lets this let's value refers to (directly, by symbol identity). */
  readonly references: readonly number[];
}

export interface ResultStatementFacts {
  /** Span of the last top-level query expression statement (the one whose rows the rule returns). */
  readonly span: SourceSpan;
  /** Indexes into `BridgeAnalysis.lets` of the lets it refers to directly. */
  readonly references: readonly number[];
}

export interface BridgeAnalysis {
  /** Kusto's errors and warnings (codes such as KS142), with 1-based positions. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every top-level `let`, in source order. */
  readonly lets: readonly LetFacts[];
  readonly result: ResultStatementFacts | null;
  /** True when only syntax was checked (see `parse.ts`); then `valueKind` is `other` and references are empty. */
  readonly semanticsSkipped: boolean;
}
