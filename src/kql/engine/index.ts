/**
 * The engine's public API (docs/engine.md): compile a query once (parse + bind via the bridge, lower to a Plan,
 * compile closures), then run it on tables as often as needed. Nothing here throws on user input: Kusto errors,
 * unsupported syntax (RB-KQL-100) and runtime problems are diagnostics.
 */
import type { Diagnostic } from '../../diagnostics.ts';
import { withPosition } from '../../diagnostics.ts';
import type { TableSchema } from '../../schema/types.ts';
import { parseSyntaxTree } from '../bridge/syntax-tree.ts';
import { reconcileAnalyzerGaps } from './analyzer-gaps.ts';
import type { KqlValue } from '../values/value.ts';
import { CompileEnv, INTERMEDIATE_ROW_FACTOR, RuntimeError, type Table, type TableFunction } from './exec/runtime.ts';
import { eventKey, explain, findSubdetections, funnels, provenanceOf, type Explanation, type Funnel, type Provenance, type Subdetection } from './lineage.ts';
import { compileTabular } from './exec/tabular.ts';
import { Unsupported } from './lower/context.ts';
import { lowerQuery } from './lower/query.ts';
import type { Column, TabularPlan } from './plan.ts';

export type { Column, TabularPlan } from './plan.ts';
export type { ScalarExpr } from './plan.ts';
export type { Explanation, Funnel, Provenance } from './lineage.ts';

export interface EvaluateOptions {
  /** Datetime ticks (100 ns since the Unix epoch) used by now() and ago(); default: the current time. */
  now?: bigint;
  /** At most this many rows in any intermediate result; default 1,000,000. */
  rowLimit?: number;
  /** Also return `provenance`: each output row's input events and sub-detection. Plain runs do not pay for it. */
  lineage?: boolean;
  /** Lineage plus `explanations` (why each input event reached no output) and per-sub-detection `funnels`. */
  explain?: boolean;
  /** With `explain`: explain only these input events (an IDE explains the one the user chose, not all of them). */
  explainEvents?: readonly { readonly table: string; readonly index: number }[];
}

export type TableData = { columns: Column[]; rows: KqlValue[][] };

export interface QueryResult {
  columns: Column[];
  rows: KqlValue[][];
  diagnostics: Diagnostic[];
  /** With `lineage` (or `explain`): one entry per output row, same order. */
  provenance?: Provenance[];
  /** With `explain`: one entry per input event that reached no output and sub-detection that reads its table. */
  explanations?: Explanation[];
  /** With `explain`: per sub-detection, the rows out of each of its operators (inputs first). */
  funnels?: Funnel[];
}

export interface CompiledQuery {
  diagnostics: Diagnostic[];
  ok: boolean;
  /** The lowered plan (absent when compilation failed). */
  plan?: TabularPlan;
  run(tables: ReadonlyMap<string, TableData>, options?: EvaluateOptions): QueryResult;
}

export const UNSUPPORTED_CODE = 'RB-KQL-100';
const RUNTIME_CODE = 'RB-KQL-101';
const INTERNAL_CODE = 'RB-KQL-199';

const TICKS_PER_MS = 10_000n;
const UNIX_EPOCH_MS = 0n;

export function compileQuery(text: string, schema: readonly TableSchema[]): CompiledQuery {
  const source = typeof text === 'string' ? text : '';
  const failed = (diagnostics: Diagnostic[]): CompiledQuery => ({
    diagnostics,
    ok: false,
    run: () => ({ columns: [], rows: [], diagnostics }),
  });
  let parsed;
  try {
    parsed = parseSyntaxTree(source, schema);
  } catch (error) {
    return failed([internal(error)]);
  }
  const diagnostics: Diagnostic[] = reconcileAnalyzerGaps(parsed.tree, parsed.diagnostics);
  if (diagnostics.some((d) => d.severity === 'error') || !parsed.tree) return failed(diagnostics);

  let plan: TabularPlan;
  let execute: TableFunction;
  let subdetections: Subdetection[] = [];
  const env = new CompileEnv();
  try {
    plan = lowerQuery(parsed.tree, schema);
    execute = compileTabular(plan, env);
    subdetections = findSubdetections(plan, env);
  } catch (error) {
    if (error instanceof Unsupported) {
      diagnostics.push(
        withPosition(source, { code: UNSUPPORTED_CODE, severity: 'error', message: error.message, span: error.span }),
      );
      return failed(diagnostics);
    }
    if (error instanceof RuntimeError) {
      diagnostics.push({ code: RUNTIME_CODE, severity: 'error', message: error.message });
      return failed(diagnostics);
    }
    return failed([...diagnostics, internal(error)]);
  }

  const compiled: CompiledQuery = {
    diagnostics,
    ok: true,
    plan,
    run(tables, options = {}) {
      const runDiagnostics: Diagnostic[] = [...diagnostics];
      const explaining = options.explain === true;
      const lineage = explaining || options.lineage === true;
      const trace = explaining ? new Map<TabularPlan, Table>() : undefined;
      env.run = {
        now: options.now ?? BigInt(Date.now()) * TICKS_PER_MS + UNIX_EPOCH_MS,
        tables,
        materialized: new Map(),
        scalarCache: new Map(),
        rowLimit: options.rowLimit ?? 1_000_000,
        intermediateRowLimit: (options.rowLimit ?? 1_000_000) * INTERMEDIATE_ROW_FACTOR,
        diagnostics: runDiagnostics,
        slots: new Map(),
        ...(lineage ? { lineage: true } : {}),
        ...(trace ? { trace } : {}),
      };
      const extras = (table: Table, count: number): Partial<QueryResult> => {
        if (!lineage) return {};
        const out: Partial<QueryResult> = { provenance: provenanceOf(table.lineage, count) };
        if (trace) {
          const only = options.explainEvents ? new Set(options.explainEvents.map((e) => eventKey(e.table, e.index))) : undefined;
          out.explanations = explain({ text: source, env, root: plan, subdetections, trace, tables, output: (table.lineage ?? []).slice(0, count), ...(only ? { only } : {}) });
          out.funnels = funnels(subdetections, trace, source);
        }
        return out;
      };
      try {
        const table = execute();
        const rows = table.rows as KqlValue[][];
        if (rows.length > env.run.rowLimit) {
          runDiagnostics.push({ code: RUNTIME_CODE, severity: 'error', message: `The result has more than ${env.run.rowLimit} rows, the row limit; it is cut there. Narrow the query or raise the limit (--row-limit).` });
          return { columns: [...table.columns], rows: rows.slice(0, env.run.rowLimit), diagnostics: runDiagnostics, ...extras(table, env.run.rowLimit) };
        }
        return { columns: [...table.columns], rows, diagnostics: runDiagnostics, ...extras(table, rows.length) };
      } catch (error) {
        const message = error instanceof RuntimeError ? error.message : `internal evaluator error: ${describe(error)}`;
        runDiagnostics.push({ code: error instanceof RuntimeError ? RUNTIME_CODE : INTERNAL_CODE, severity: 'error', message });
        return { columns: [], rows: [], diagnostics: runDiagnostics, ...(lineage ? { provenance: [] } : {}) };
      }
    },
  };
  return compiled;
}

export function evaluateQuery(
  text: string,
  schema: readonly TableSchema[],
  tables: ReadonlyMap<string, TableData>,
  options?: EvaluateOptions,
): QueryResult {
  return compileQuery(text, schema).run(tables, options);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function internal(error: unknown): Diagnostic {
  return { code: INTERNAL_CODE, severity: 'error', message: `internal evaluator error: ${describe(error)}` };
}
