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
}

export interface QueryResultLike {
  readonly columns: ResultColumn[];
  readonly rows: KqlValue[][];
  readonly diagnostics: Diagnostic[];
}

export interface CompiledQueryLike {
  readonly diagnostics: Diagnostic[];
  readonly ok: boolean;
  run(tables: ReadonlyMap<string, TableDataLike>, options?: RunOptions): QueryResultLike;
}

export interface EnginePort {
  compileQuery(text: string, schema: readonly TableSchema[]): CompiledQueryLike;
}
