/**
 * What compiled closures share: the per-run state (now, input tables, materialized results, diagnostics), set by
 * `run` before executing; closures are compiled once per query and read it through `env.run`.
 */
import type { Diagnostic } from '../../../diagnostics.ts';
import type { KqlValue } from '../../values/value.ts';
import type { Column, TabularPlan } from '../plan.ts';
import { RE2JS } from 're2js';

/** One input event: its table's name and its row index in the input table given to `run`. */
export interface SourceRef {
  readonly table: string;
  readonly index: number;
}

/** Lineage of one row: the input events it came from and the sub-detection (union leg / let) that produced it. */
export interface RowLineage {
  readonly sources: readonly SourceRef[];
  readonly sub: string | undefined;
}

export const NO_LINEAGE: RowLineage = { sources: [], sub: undefined };

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly KqlValue[])[];
  /** Only when the run asked for lineage: one entry per row (absent: the operator does not track lineage). */
  readonly lineage?: readonly RowLineage[];
}

export interface RunState {
  readonly now: bigint;
  readonly tables: ReadonlyMap<string, Table>;
  readonly materialized: Map<number, Table>;
  readonly scalarCache: Map<object, KqlValue>;
  /** The most rows the query may return (EvaluateOptions.rowLimit). */
  readonly rowLimit: number;
  /**
   * The most rows any operator may build on the way (a range, a join, an mv-expand). Larger than `rowLimit` because
   * a query may build a big intermediate table and then count or summarize it, as Kusto allows; it only exists so a
   * runaway query stops before it exhausts memory.
   */
  readonly intermediateRowLimit: number;
  readonly diagnostics: Diagnostic[];
  /** mv-apply: the per-row table its subquery reads. */
  readonly slots: Map<number, Table>;
  /** Lineage run: operators carry `Table.lineage`, and each plan node's last output is kept in `trace`. */
  readonly lineage?: boolean;
  readonly trace?: Map<TabularPlan, Table>;
}

export class RuntimeError extends Error {}

/**
 * The error for an operator that would produce more rows than the caller allows. Thrown while rows are being
 * generated, so a runaway join, range or mv-expand stops before it exhausts memory.
 */
export function rowLimitExceeded(operator: string, run: RunState): RuntimeError {
  return new RuntimeError(
    `\`${operator}\` would build more than ${run.intermediateRowLimit} rows (${INTERMEDIATE_ROW_FACTOR} times the row limit of ${run.rowLimit}); narrow the query or raise the limit (--row-limit).`,
  );
}

export const INTERMEDIATE_ROW_FACTOR = 4;

export class CompileEnv {
  run: RunState = {
    now: 0n,
    tables: new Map(),
    materialized: new Map(),
    scalarCache: new Map(),
    rowLimit: 1_000_000,
    intermediateRowLimit: 4_000_000,
    diagnostics: [],
    slots: new Map(),
  };
  /**
   * The row sequence being evaluated by a project/extend/where whose expressions use prev(), row_number()…: the
   * operator sets `rows` and `index` before evaluating each row.
   */
  readonly frame: { rows: readonly (readonly KqlValue[])[]; index: number } = { rows: [], index: 0 };
  private readonly regexes = new Map<string, RE2JS>();
  /** Sub-detection names of union legs and joins (set after lowering; read by union/join in lineage runs). */
  readonly subdetectionNames = new Map<TabularPlan, string>();

  regex(pattern: string, flags = 0): RE2JS {
    const key = `${flags}/${pattern}`;
    let compiled = this.regexes.get(key);
    if (!compiled) {
      try {
        compiled = RE2JS.compile(pattern, flags);
      } catch (error) {
        throw new RuntimeError(`Invalid regular expression \`${pattern}\`: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.regexes.set(key, compiled);
    }
    return compiled;
  }
}

export type RowFunction = (row: readonly KqlValue[]) => KqlValue;
export type TableFunction = () => Table;
