/**
 * Lineage and explanations (`run(tables, { lineage | explain })`; README.md "Command line", `--explain`): which
 * sub-detections a query has, the provenance of each output row, why an input event produced no output, and
 * per-sub-detection row funnels. Explanations and funnels are computed after an `explain` run, from the per-node
 * outputs the executor kept in `RunState.trace`.
 *
 * Operators that carry lineage (`Table.lineage`): table, where, project/extend/project-*, sort, take/top, serialize,
 * materialize, union, join (all kinds; both sides' sources), summarize (every contributing row), mv-expand, parse
 * and parse-where. The others (datatable, print, range, parse-kv, mv-apply, partition, top-nested, make-series,
 * bag_unpack, pivot, reduce) return no lineage: their rows have empty sources, and an explanation that reaches
 * one says the event was "lost at" it because it does not track lineage.
 */
import { lineColumnAt } from '../../diagnostics.ts';
import { toKqlString } from '../values/convert.ts';
import type { KqlValue } from '../values/value.ts';
import { type CompileEnv, type RowLineage, type Table } from './exec/runtime.ts';
import { compileScalar } from './exec/scalar.ts';
import { usesWindow } from './exec/window.ts';
import { LET_NAMES } from './lower/lets.ts';
import type { ScalarExpr, TabularPlan } from './plan.ts';

export interface Provenance {
  subdetection: string | null;
  sources: { table: string; index: number }[];
}

export interface Explanation {
  table: string;
  index: number;
  subdetection: string | null;
  /** 1-based line of the deciding predicate (or of the operator that removed the event). */
  line: number;
  /** Source text of the deciding predicate leaf; null when no predicate decided (join, take, summarize…). */
  predicate: string | null;
  /** The operator's keyword (`where`, `join`, `take`…). */
  operator: string;
  reason: string;
}

export interface Funnel {
  subdetection: string | null;
  /** The tables the sub-detection reads, in plan order. */
  tables: string[];
  steps: { line: number; operator: string; rows: number }[];
}

export interface Subdetection {
  readonly name: string | null;
  readonly plan: TabularPlan;
}

/** The inputs a plan node reads (mv-apply/partition subqueries are not followed). */
function inputsOf(plan: TabularPlan): TabularPlan[] {
  if (plan.kind === 'union') return [...plan.inputs];
  if (plan.kind === 'join') return [plan.left, plan.right];
  if ('input' in plan) return [plan.input];
  return [];
}

function firstTable(plan: TabularPlan): string | undefined {
  if (plan.kind === 'table') return plan.name;
  for (const input of inputsOf(plan)) {
    const name = firstTable(input);
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * The query's sub-detections: the legs of the union its rows reach the result through (a let leg is named by the
 * let, an inline leg by its first table and 1-based position), else the query itself (null, or the let of the
 * join it ends in). Records the names the executor tags rows with in `env.subdetectionNames`.
 */
export function findSubdetections(root: TabularPlan, env: CompileEnv): Subdetection[] {
  let node: TabularPlan | undefined = root;
  let union: Extract<TabularPlan, { kind: 'union' }> | undefined;
  let join: { plan: TabularPlan; name: string | undefined } | undefined;
  let letAbove: string | undefined = LET_NAMES.get(root);
  while (node) {
    if (node.kind === 'union') {
      union = node;
      break;
    }
    if (node !== root) letAbove ??= LET_NAMES.get(node);
    if (node.kind === 'join') {
      join = { plan: node, name: letAbove ?? LET_NAMES.get(node) };
      break;
    }
    node = 'input' in node ? node.input : undefined;
  }
  if (union) {
    const legs: TabularPlan[] = [];
    const flatten = (u: Extract<TabularPlan, { kind: 'union' }>): void => {
      for (const input of u.inputs) {
        if (input.kind === 'union' && !LET_NAMES.has(input)) flatten(input);
        else legs.push(input);
      }
    };
    flatten(union);
    return legs.map((plan, i) => {
      const name = LET_NAMES.get(plan) ?? `${firstTable(plan) ?? 'union'}#${i + 1}`;
      env.subdetectionNames.set(plan, name);
      return { name, plan };
    });
  }
  if (join?.name !== undefined) {
    env.subdetectionNames.set(join.plan, join.name);
    return [{ name: join.name, plan: root }];
  }
  return [{ name: null, plan: root }];
}

export function provenanceOf(lineage: readonly RowLineage[] | undefined, count: number): Provenance[] {
  const out: Provenance[] = new Array<Provenance>(count);
  for (let i = 0; i < count; i++) {
    const entry = lineage?.[i];
    out[i] = { subdetection: entry?.sub ?? null, sources: (entry?.sources ?? []).map((s) => ({ table: s.table, index: s.index })) };
  }
  return out;
}

/** The operator keyword at a node's span (`where`, `extend`, `summarize`, a table or let name for sources). */
function operatorWord(text: string, plan: TabularPlan): string {
  const match = /^[A-Za-z_][\w-]*/.exec(text.slice(plan.span.start, plan.span.end).trimStart());
  return match?.[0] ?? plan.kind;
}

const lineOf = (text: string, offset: number): number => lineColumnAt(text, offset).line;

/** Post-order (inputs first) distinct nodes of a leg, for its funnel. */
export function funnels(subdetections: readonly Subdetection[], trace: ReadonlyMap<TabularPlan, Table>, text: string): Funnel[] {
  return subdetections.map((sub) => {
    const steps: Funnel['steps'] = [];
    const seen = new Set<TabularPlan>();
    const visit = (plan: TabularPlan): void => {
      if (seen.has(plan)) return;
      seen.add(plan);
      for (const input of inputsOf(plan)) visit(input);
      steps.push({ line: lineOf(text, plan.span.start), operator: operatorWord(text, plan), rows: trace.get(plan)?.rows.length ?? 0 });
    };
    visit(sub.plan);
    const tables = [...new Set(pathsToTables(sub.plan).map((path) => (path[path.length - 1] as Extract<TabularPlan, { kind: 'table' }>).name))];
    return { subdetection: sub.name, tables, steps };
  });
}

/** Every path from a leg's root down to a table node (root first). */
function pathsToTables(plan: TabularPlan, prefix: TabularPlan[] = [], out: TabularPlan[][] = []): TabularPlan[][] {
  const path = [...prefix, plan];
  if (plan.kind === 'table') out.push(path);
  else if (!prefix.includes(plan)) for (const input of inputsOf(plan)) pathsToTables(input, path, out);
  return out;
}

interface Presence {
  /** Per table: event index → the first row (of the node's output) it is a source of. */
  readonly byTable: Map<string, Map<number, number>>;
  readonly tracked: boolean;
}

function formatValue(value: KqlValue, type: ScalarExpr['type']): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || value === undefined) return 'null';
  return toKqlString(value, type);
}

function columnsIn(expr: ScalarExpr, out: Map<number, ScalarExpr> = new Map()): Map<number, ScalarExpr> {
  if (expr.kind === 'column') {
    if (!out.has(expr.index)) out.set(expr.index, expr);
    return out;
  }
  for (const value of Object.values(expr)) {
    if (value && typeof value === 'object' && 'kind' in value && 'span' in value && 'type' in value) columnsIn(value as ScalarExpr, out);
    else if (Array.isArray(value)) for (const item of value) if (item && typeof item === 'object' && 'kind' in item && 'type' in item) columnsIn(item as ScalarExpr, out);
  }
  return out;
}

interface Leaf {
  readonly expr: ScalarExpr;
  /** What the leaf evaluated to (it decided the row's fate by not being true, or by being true under `not`). */
  readonly wasTrue: boolean;
  readonly result: KqlValue;
}

/** The leaf predicates that made `expr` not true on `row` (`and`: the first not-true side; `or`: every leaf). */
function decidingLeaves(expr: ScalarExpr, row: readonly KqlValue[], evaluate: (e: ScalarExpr) => KqlValue, wanted: boolean): Leaf[] {
  if (expr.kind === 'binary' && (expr.op === 'and' || expr.op === 'or')) {
    const conjunctive = (expr.op === 'and') === wanted;
    if (conjunctive) {
      // The whole is not `wanted` because one side is not: name the first such side.
      const left = evaluate(expr.left);
      if ((left === true) !== wanted) return decidingLeaves(expr.left, row, evaluate, wanted);
      return decidingLeaves(expr.right, row, evaluate, wanted);
    }
    return [...decidingLeaves(expr.left, row, evaluate, wanted), ...decidingLeaves(expr.right, row, evaluate, wanted)];
  }
  if (expr.kind === 'call' && expr.name === 'not' && expr.args.length === 1 && expr.args[0]) {
    return decidingLeaves(expr.args[0], row, evaluate, !wanted);
  }
  const result = evaluate(expr);
  return [{ expr, wasTrue: result === true, result }];
}

export interface ExplainInput {
  readonly text: string;
  readonly env: CompileEnv;
  readonly root: TabularPlan;
  readonly subdetections: readonly Subdetection[];
  readonly trace: ReadonlyMap<TabularPlan, Table>;
  readonly tables: ReadonlyMap<string, { readonly rows: readonly unknown[] }>;
  readonly output: readonly RowLineage[];
  /**
   * Explain only these events (`eventKey`s), and for every sub-detection that did not pass them, even when another
   * sub-detection did. Without it: every event that reached no output row at all.
   */
  readonly only?: ReadonlySet<string>;
}

/** The key of an input event in `ExplainInput.only`. */
export function eventKey(table: string, index: number): string {
  return `${table}\u0000${index}`;
}

/** For each input event that reached no output row: per sub-detection reading its table, where and why it stopped. */
export function explain(input: ExplainInput): Explanation[] {
  const { text, env, trace, subdetections } = input;
  const produced = new Map<string, Set<number>>();
  for (const entry of input.output) for (const s of entry.sources) {
    let set = produced.get(s.table);
    if (!set) produced.set(s.table, (set = new Set()));
    set.add(s.index);
  }
  const presence = new Map<TabularPlan, Presence>();
  const presenceOf = (plan: TabularPlan): Presence => {
    let p = presence.get(plan);
    if (p) return p;
    const table = trace.get(plan);
    const byTable = new Map<string, Map<number, number>>();
    table?.lineage?.forEach((entry, row) => {
      for (const s of entry.sources) {
        let m = byTable.get(s.table);
        if (!m) byTable.set(s.table, (m = new Map()));
        if (!m.has(s.index)) m.set(s.index, row);
      }
    });
    p = { byTable, tracked: table?.lineage !== undefined };
    presence.set(plan, p);
    return p;
  };
  // Nodes above the legs (sort, take… after the union): an event can pass its leg and still be cut there.
  const above: TabularPlan[] = [];
  for (let node: TabularPlan | undefined = input.root; node && !subdetections.some((s) => s.plan === node); node = inputsOf(node).length === 1 ? inputsOf(node)[0] : undefined) {
    above.unshift(node);
  }
  const compiled = new Map<ScalarExpr, (row: readonly KqlValue[]) => KqlValue>();
  const evaluator = (row: readonly KqlValue[]) => (expr: ScalarExpr): KqlValue => {
    let fn = compiled.get(expr);
    if (!fn) compiled.set(expr, (fn = compileScalar(expr, env)));
    return fn(row);
  };

  const explanations: Explanation[] = [];
  for (const sub of subdetections) {
    const paths = pathsToTables(sub.plan);
    const done = new Set<string>();
    for (const path of paths) {
      const tableNode = path[path.length - 1] as Extract<TabularPlan, { kind: 'table' }>;
      // path is [root…table] with root first; walk from the table upwards.
      const upward = [...path].reverse();
      const count = input.tables.get(tableNode.name)?.rows.length ?? 0;
      const seen = produced.get(tableNode.name);
      for (let index = 0; index < count; index++) {
        // Asked about chosen events, say for each sub-detection where they stopped, even when another matched them.
        if (!input.only && seen?.has(index)) continue;
        const key = eventKey(tableNode.name, index);
        if (done.has(key) || (input.only && !input.only.has(key))) continue;
        const chain = [...upward, ...above];
        for (let k = 1; k < chain.length; k++) {
          const node = chain[k] as TabularPlan;
          const p = presenceOf(node);
          if (p.byTable.get(tableNode.name)?.has(index)) continue;
          done.add(key);
          explanations.push(explainAt(node, chain[k - 1] as TabularPlan, chain.slice(0, k), tableNode.name, index, sub.name, p.tracked));
          break;
        }
      }
    }
  }
  return explanations;

  function explainAt(node: TabularPlan, below: TabularPlan, passed: readonly TabularPlan[], table: string, index: number, subdetection: string | null, tracked: boolean): Explanation {
    const operator = operatorWord(text, node);
    const line = lineOf(text, node.span.start);
    const base = { table, index, subdetection, operator };
    if (!tracked) return { ...base, line, predicate: null, reason: `lost at \`${operator}\` (line ${line}), which does not track lineage` };
    const afterSummarize = passed.some((n) => n.kind === 'summarize' || n.kind === 'top-nested' || n.kind === 'make-series');
    if (node.kind === 'filter') {
      const input = trace.get(below);
      const rowIndex = presenceOf(below).byTable.get(table)?.get(index);
      const row = rowIndex === undefined ? undefined : input?.rows[rowIndex];
      if (!row) return { ...base, line, predicate: null, reason: `removed by \`${operator}\` at line ${line}` };
      const group = input?.lineage?.[rowIndex as number]?.sources.length ?? 1;
      const evaluate = evaluator(row);
      const leaves = usesWindow(node.predicate)
        ? [{ expr: node.predicate, wasTrue: false, result: evaluate(node.predicate) }]
        : decidingLeaves(node.predicate, row, evaluate, true);
      const first = leaves[0] ?? { expr: node.predicate, wasTrue: false, result: null };
      const described = leaves.map((leaf) => describeLeaf(leaf, row)).join(', and ');
      const prefix = afterSummarize
        ? `passed the filters but its summarized row (${group} event${group === 1 ? '' : 's'}) was removed by the threshold at line ${lineOf(text, first.expr.span.start)}: `
        : `stopped at line ${lineOf(text, first.expr.span.start)}: `;
      return {
        ...base,
        line: lineOf(text, first.expr.span.start),
        predicate: leaves.length === 1 ? source(first.expr) : source(node.predicate),
        reason: prefix + described,
      };
    }
    let reason: string;
    switch (node.kind) {
      case 'join':
        reason = below === node.left || below === node.right
          ? `passed the filters but was removed by the ${node.joinKind} join at line ${line} (${node.joinKind.endsWith('anti') ? 'it matched a row of the other side' : 'no matching row on the other side'})`
          : `removed by the join at line ${line}`;
        break;
      case 'take':
        reason = `passed the filters but was cut by \`${operator}\` at line ${line} (only the first rows are kept)`;
        break;
      case 'summarize':
        reason = `removed by summarize at line ${line}`;
        break;
      case 'mv-expand':
        reason = `expanded to no rows at \`mv-expand\` (line ${line}): the expanded value was empty or null`;
        break;
      case 'parse':
        reason = `did not match the pattern of \`${operator}\` at line ${line}`;
        break;
      default:
        reason = `removed by \`${operator}\` at line ${line}`;
    }
    return { ...base, line, predicate: null, reason };
  }

  function source(expr: ScalarExpr): string {
    return text.slice(expr.span.start, expr.span.end);
  }

  function describeLeaf(leaf: Leaf, row: readonly KqlValue[]): string {
    const columns = [...columnsIn(leaf.expr).values()];
    const outcome = leaf.wasTrue ? 'was true (under `not`)' : leaf.result === null ? 'was null (not true)' : 'was false';
    let values = '';
    if (columns.length === 1) {
      const c = columns[0] as Extract<ScalarExpr, { kind: 'column' }>;
      values = ` for the value ${formatValue(row[c.index] ?? null, c.type)}`;
    } else if (columns.length > 1) {
      values = ` for the values ${columns.map((c) => `${(c as Extract<ScalarExpr, { kind: 'column' }>).name}=${formatValue(row[(c as Extract<ScalarExpr, { kind: 'column' }>).index] ?? null, c.type)}`).join(', ')}`;
    }
    return `predicate \`${source(leaf.expr)}\` ${outcome}${values}`;
  }
}
