/**
 * The slice of the engine API (docs/engine.md, "Engine") the CLI uses. Commands take it as a parameter so they
 * can be unit-tested with a small fake; main.ts passes the real `compileQuery` from src/kql/engine.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { KqlValue } from '../kql/values/index.ts';
import type { TableSchema } from '../schema/types.ts';
import type { ResultColumn } from './json-encoding.ts';

export interface TableDataLike {
  readonly columns: ResultColumn[];
  readonly rows: KqlValue[][];
}

export interface RunOptions {
  readonly now?: bigint;
  readonly rowLimit?: number;
  /** Lineage, explanations and funnels (`run --explain`). */
  readonly explain?: boolean;
}

export interface ProvenanceLike {
  readonly subdetection: string | null;
  readonly sources: readonly { readonly table: string; readonly index: number }[];
}

export interface ExplanationLike {
  readonly table: string;
  readonly index: number;
  readonly subdetection: string | null;
  readonly line: number;
  readonly predicate: string | null;
  readonly reason: string;
}

export interface FunnelLike {
  readonly subdetection: string | null;
  readonly steps: readonly { readonly line: number; readonly operator: string; readonly rows: number }[];
}

export interface QueryResultLike {
  readonly columns: ResultColumn[];
  readonly rows: KqlValue[][];
  readonly diagnostics: Diagnostic[];
  readonly provenance?: readonly ProvenanceLike[];
  readonly explanations?: readonly ExplanationLike[];
  readonly funnels?: readonly FunnelLike[];
}

export interface CompiledQueryLike {
  readonly diagnostics: Diagnostic[];
  readonly ok: boolean;
  run(tables: ReadonlyMap<string, TableDataLike>, options?: RunOptions): QueryResultLike;
}

export interface EnginePort {
  compileQuery(text: string, schema: readonly TableSchema[]): CompiledQueryLike;
}
