/**
 * Tabular plan nodes → closures returning a Table. Each node compiles once; rows flow as arrays of row references,
 * so `where`, `sort` and `take` keep row identity (no copies).
 */
import type { KqlValue } from '../../values/value.ts';
import type { TabularPlan } from '../plan.ts';
import { compareForSort } from '../ops/compare.ts';
import { compileBagUnpack } from './bag-unpack.ts';
import { compileJoin } from './join.ts';
import { compileMvApply, compileMvExpand, compilePartition } from './mv-expand.ts';
import { compileParse } from './parse.ts';
import { compileParseKv } from './parse-kv.ts';
import { compilePivot } from './pivot.ts';
import { compileReduce } from './reduce.ts';
import { RuntimeError, rowLimitExceeded, type CompileEnv, type RowLineage, type Table, type TableFunction } from './runtime.ts';
import { compileScalar } from './scalar.ts';
import { compileMakeSeries, compileSummarize, compileTopNested } from './summarize.ts';
import { compileUnion } from './union.ts';
import { usesWindow } from './window.ts';

type Row = readonly KqlValue[];

export function compileTabular(plan: TabularPlan, env: CompileEnv): TableFunction {
  const node = compileNode(plan, env);
  // Lineage runs keep each node's output for explanations and funnels; plain runs pay one property check.
  return () => {
    const table = node();
    const trace = env.run.trace;
    if (trace) trace.set(plan, table);
    return table;
  };
}

function compileNode(plan: TabularPlan, env: CompileEnv): TableFunction {
  const columns = plan.columns;
  switch (plan.kind) {
    case 'table': {
      const name = plan.name;
      return () => {
        const table = env.run.tables.get(name);
        if (!table) return env.run.lineage ? { columns, rows: [], lineage: [] } : { columns, rows: [] };
        const aligned = alignToSchema(table, columns);
        if (!env.run.lineage) return aligned;
        return { columns: aligned.columns, rows: aligned.rows, lineage: baseLineage(name, aligned.rows) };
      };
    }
    case 'datatable': {
      const rows = plan.rows;
      return () => ({ columns, rows });
    }
    case 'print': {
      const exprs = plan.exprs.map((e) => compileScalar(e, env));
      return () => ({ columns, rows: [exprs.map((e) => e([]))] });
    }
    case 'range': {
      const from = compileScalar(plan.from, env);
      const to = compileScalar(plan.to, env);
      const step = compileScalar(plan.step, env);
      return () => {
        const start = from([]);
        const end = to([]);
        const increment = step([]);
        const rows: Row[] = [];
        if (start === null || end === null || increment === null) return { columns, rows };
        if (typeof start === 'bigint' || typeof end === 'bigint' || typeof increment === 'bigint') {
          const s = BigInt(start as bigint);
          const e = BigInt(end as bigint);
          const i = BigInt(increment as bigint);
          if (i === 0n) return { columns, rows };
          for (let v = s; i > 0n ? v <= e : v >= e; v += i) {
            rows.push([v]);
            if (rows.length > env.run.intermediateRowLimit) throw rowLimitExceeded('range', env.run);
          }
          return { columns, rows };
        }
        const s = Number(start);
        const e = Number(end);
        const i = Number(increment);
        if (i === 0 || !Number.isFinite(i)) return { columns, rows };
        for (let v = s; i > 0 ? v <= e : v >= e; v += i) {
          rows.push([v]);
          if (rows.length > env.run.intermediateRowLimit) throw rowLimitExceeded('range', env.run);
        }
        return { columns, rows };
      };
    }
    case 'filter': {
      const input = compileTabular(plan.input, env);
      const predicate = compileScalar(plan.predicate, env);
      if (usesWindow(plan.predicate)) {
        const frame = env.frame;
        return () => {
          const source = input();
          const rows: Row[] = [];
          const inLineage = source.lineage;
          const lineage: RowLineage[] | undefined = inLineage ? [] : undefined;
          for (let r = 0; r < source.rows.length; r++) {
            frame.rows = source.rows;
            frame.index = r;
            const row = source.rows[r] as Row;
            if (predicate(row) === true) {
              rows.push(row);
              if (lineage) lineage.push(inLineage?.[r] as RowLineage);
            }
          }
          return lineage ? { columns: source.columns, rows, lineage } : { columns: source.columns, rows };
        };
      }
      return () => {
        const source = input();
        const rows: Row[] = [];
        const inLineage = source.lineage;
        if (inLineage) {
          const lineage: RowLineage[] = [];
          const all = source.rows;
          for (let r = 0; r < all.length; r++) {
            const row = all[r] as Row;
            if (predicate(row) === true) {
              rows.push(row);
              lineage.push(inLineage[r] as RowLineage);
            }
          }
          return { columns: source.columns, rows, lineage };
        }
        for (const row of source.rows) if (predicate(row) === true) rows.push(row);
        return { columns: source.columns, rows };
      };
    }
    case 'project': {
      const input = compileTabular(plan.input, env);
      const exprs = plan.exprs.map((e) => compileScalar(e, env));
      const width = exprs.length;
      const windowed = plan.exprs.some(usesWindow);
      const frame = env.frame;
      return () => {
        const source = input();
        const rows: Row[] = new Array<Row>(source.rows.length);
        for (let r = 0; r < source.rows.length; r++) {
          const row = source.rows[r] as Row;
          if (windowed) {
            frame.rows = source.rows;
            frame.index = r;
          }
          const out: KqlValue[] = new Array<KqlValue>(width);
          for (let c = 0; c < width; c++) out[c] = (exprs[c] as (row: Row) => KqlValue)(row);
          rows[r] = out;
        }
        return source.lineage ? { columns, rows, lineage: source.lineage } : { columns, rows };
      };
    }
    case 'sort': {
      const input = compileTabular(plan.input, env);
      const keys = plan.keys.map((k) => ({ value: compileScalar(k.expr, env), descending: k.descending, nullsFirst: k.nullsFirst }));
      return () => {
        const source = input();
        const decorated = source.rows.map((row, index) => ({ row, index, values: keys.map((k) => k.value(row)) }));
        decorated.sort((a, b) => {
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            if (!key) continue;
            const av = a.values[i] ?? null;
            const bv = b.values[i] ?? null;
            const aNull = av === null;
            const bNull = bv === null;
            let c: number;
            if (aNull || bNull) c = compareForSort(av, bv, key.nullsFirst);
            else {
              c = compareForSort(av, bv, true);
              if (key.descending) c = -c;
            }
            if (c !== 0) return c;
          }
          return a.index - b.index;
        });
        const rows = decorated.map((d) => d.row);
        const inLineage = source.lineage;
        if (!inLineage) return { columns: source.columns, rows };
        return { columns: source.columns, rows, lineage: decorated.map((d) => inLineage[d.index] as RowLineage) };
      };
    }
    case 'take': {
      const input = compileTabular(plan.input, env);
      const count = compileScalar(plan.count, env);
      return () => {
        const n = Number(count([]) ?? 0);
        const source = input();
        const rows = source.rows.slice(0, Math.max(0, n));
        return source.lineage ? { columns: source.columns, rows, lineage: source.lineage.slice(0, rows.length) } : { columns: source.columns, rows };
      };
    }
    case 'serialize':
      return compileTabular(plan.input, env);
    case 'materialize': {
      const input = compileTabular(plan.input, env);
      const id = plan.id;
      return () => {
        const cached = env.run.materialized.get(id);
        if (cached) return cached;
        const table = input();
        env.run.materialized.set(id, table);
        return table;
      };
    }
    case 'summarize':
      return compileSummarize(plan, env);
    case 'top-nested':
      return compileTopNested(plan, env);
    case 'make-series':
      return compileMakeSeries(plan, env);
    case 'join':
      return compileJoin(plan, env);
    case 'union':
      return compileUnion(plan, env);
    case 'mv-expand':
      return compileMvExpand(plan, env);
    case 'parse':
      return compileParse(plan, env);
    case 'parse-kv':
      return compileParseKv(plan, env);
    case 'slot': {
      const slot = plan.slot;
      return () => env.run.slots.get(slot) ?? { columns, rows: [] };
    }
    case 'mv-apply':
      return compileMvApply(plan, env);
    case 'partition':
      return compilePartition(plan, env);
    case 'bag-unpack':
      return compileBagUnpack(plan, env);
    case 'reduce':
      return compileReduce(plan, env);
    case 'pivot':
      return compilePivot(plan, env);
  }
}

/**
 * Input tables may list columns in another order or miss some (events omit null columns): rows are re-laid out by
 * name to the schema's order, once per run. Tables already in schema order are used as-is.
 */
function alignToSchema(table: Table, columns: TabularPlan['columns']): Table {
  const same = table.columns.length === columns.length && table.columns.every((c, i) => c.name === columns[i]?.name);
  if (same) return { columns, rows: table.rows };
  const positions = columns.map((c) => table.columns.findIndex((t) => t.name === c.name));
  const defaults = columns.map((c) => (c.type === 'string' ? '' : null));
  const rows = table.rows.map((row) => positions.map((p, i) => (p >= 0 ? (row[p] ?? defaults[i] ?? null) : (defaults[i] ?? null))));
  return { columns, rows };
}

/**
 * The lineage of an input table's rows (row i ← event i). Entries are immutable, so they are kept per rows array
 * (weakly) and re-used when the same events are run again, as the IDE does on each edit.
 */
const BASE_LINEAGE = new WeakMap<object, { name: string; lineage: RowLineage[] }>();

function baseLineage(name: string, rows: readonly (readonly KqlValue[])[]): RowLineage[] {
  const cached = BASE_LINEAGE.get(rows);
  if (cached && cached.name === name && cached.lineage.length === rows.length) return cached.lineage;
  const lineage: RowLineage[] = new Array<RowLineage>(rows.length);
  for (let i = 0; i < lineage.length; i++) lineage[i] = { sources: [{ table: name, index: i }], sub: undefined };
  BASE_LINEAGE.set(rows, { name, lineage });
  return lineage;
}
