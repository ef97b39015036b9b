/**
 * Shapes produced by the events loader. They mirror the engine contract (docs/engine.md: `Column`, `KqlValue`,
 * `TableData`) structurally, so a loaded table can be handed to `evaluateQuery` as is, without src/events
 * depending on the engine or on src/kql/values.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { KqlType } from '../schema/types.ts';

/** A dynamic value: JSON-like, with bags created by `Object.create(null)` so keys like `__proto__` are data. */
export type DynamicValue = null | boolean | number | bigint | string | DynamicValue[] | DynamicBag;
export interface DynamicBag {
  [key: string]: DynamicValue;
}

/** One cell of a typed table (docs/engine.md "Runtime values"). */
export type EventValue = null | boolean | number | bigint | string | DynamicValue;

export interface EventColumn {
  readonly name: string;
  readonly type: KqlType;
}

/** A typed table: the engine's `TableData`. */
export interface EventTable {
  readonly columns: EventColumn[];
  readonly rows: EventValue[][];
}

/** What the UI shows per table: how many rows, whether the schema was known, and what did not fit. */
export interface TableSummary {
  readonly table: string;
  readonly rowCount: number;
  /** `schema`: the table is in the schema given to the loader; `inferred`: its columns were inferred from its rows. */
  readonly schemaSource: 'schema' | 'inferred';
  /** Fields present in the events but not in the schema, in first-seen order (not loaded: the schema is authoritative). */
  readonly unknownFields: readonly string[];
  /** How many values could not be coerced to their column's type (each also has a warning, up to the cap). */
  readonly coercionFailures: number;
}

export interface LoadedEvents {
  /** Table name → typed table (`ReadonlyMap<string, TableData>` for the engine). */
  readonly tables: Map<string, EventTable>;
  readonly summaries: TableSummary[];
  /** Parse errors (with file, line, column) and coercion warnings (with row and field). */
  readonly diagnostics: Diagnostic[];
}

/** Where a row came from, for messages: a 1-based row number within its file, and the line it starts on. */
export interface RowOrigin {
  readonly source: string;
  readonly row: number;
  readonly line?: number;
  readonly column?: number;
}
