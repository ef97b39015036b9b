/**
 * Export a Rulebench rule to Sigma: one Sigma rule per sub-detection (a tabular `let` reaching the result as a union
 * leg), written as one multi-document YAML. Works from the compiled Plan. A sub-detection that Sigma cannot express
 * is left out with an error saying why; every approximation and every dropped operator is a warning.
 */
import { Document } from 'yaml';
import { lineColumnAt, type SourceSpan } from '../diagnostics.ts';
import { findTactic, LEGACY_TACTICS } from '../attack/tactics.ts';
import { compileQuery } from '../kql/engine/index.ts';
import { CompileEnv } from '../kql/engine/exec/runtime.ts';
import { findSubdetections } from '../kql/engine/lineage.ts';
import type { ScalarExpr, TabularPlan } from '../kql/engine/plan.ts';
import type { Rule } from '../rule/model.ts';
import type { TableSchema } from '../schema/types.ts';
import { buildDetection, ExportFailure, isTimeFilter, translate, type Formula, type SearchIdentifier, type TranslateContext, type WarningKind } from './detection.ts';
import { FILE_ACTIONS, fieldFor, REGISTRY_ACTIONS, TABLE_TO_LOGSOURCE, type SigmaLogsource } from './mapping.ts';
import { URL_NAMESPACE, UUID_PATTERN, uuidV5 } from './uuid.ts';

export interface ExportWarning {
  /** The sub-detection (its `let` name), or null for the query as a whole. */
  readonly subdetection: string | null;
  /** 1-based line in the query; null for the rule's metadata (tags, references). */
  readonly line: number | null;
  readonly message: string;
  readonly kind: WarningKind;
}

export interface SigmaCorrelation {
  type: 'event_count' | 'value_count';
  rules: string[];
  'group-by': string[];
  timespan: string;
  condition: Record<string, number | string>;
}

/** One Sigma document, keys in SigmaHQ order (a detection rule, or a correlation rule with `correlation`). */
export interface SigmaDocument {
  title: string;
  id: string;
  related?: { id: string; type: string }[];
  status: string;
  description: string;
  references?: string[];
  author?: string;
  date: string;
  modified?: string;
  tags?: string[];
  logsource?: SigmaLogsource;
  detection?: Record<string, SearchIdentifier | string>;
  correlation?: SigmaCorrelation;
  falsepositives?: string[];
  level: string;
}

export interface SigmaExport {
  documents: SigmaDocument[];
  yaml: string;
  warnings: ExportWarning[];
  errors: ExportWarning[];
}

/** SigmaHQ's title-length validator flags titles over 120 characters; stay well inside it. */
export const MAX_TITLE = 110;

function ruleNamespace(rule: Rule): string {
  return UUID_PATTERN.test(rule.id) ? rule.id.toLowerCase() : uuidV5(URL_NAMESPACE, `rulebench:${rule.id}`);
}

/** A stable id per (rule, sub-detection): the same export twice gives the same ids. */
export function sigmaId(rule: Rule, subdetection: string | null, suffix = ''): string {
  return uuidV5(ruleNamespace(rule), `sigma:${subdetection ?? ''}${suffix}`);
}

function title(rule: Rule, sub: string | null, suffix = ''): string {
  const tail = `${sub === null ? '' : ` - ${sub}`}${suffix}`;
  const base = rule.title.trim() || 'Untitled Rulebench Rule';
  const room = MAX_TITLE - tail.length;
  return (base.length > room ? `${base.slice(0, Math.max(1, room - 3)).trimEnd()}...` : base) + tail;
}

const DATE = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$/;

function ticksToTimespan(ticks: bigint): string | undefined {
  const seconds = ticks / 10_000_000n;
  if (seconds <= 0n || ticks % 10_000_000n !== 0n) return undefined;
  for (const [unit, size] of [['d', 86_400n], ['h', 3_600n], ['m', 60n]] as const) if (seconds % size === 0n) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

interface Collected {
  conjuncts: Formula[];
  logsource: SigmaLogsource;
  window?: string;
  correlation?: { type: 'event_count' | 'value_count'; groupBy: string[]; condition: Record<string, number | string>; line: number };
}

export function exportSigma(rule: Rule, schema: readonly TableSchema[]): SigmaExport {
  const text = rule.query;
  const warnings: ExportWarning[] = [];
  const errors: ExportWarning[] = [];
  const lineOf = (span: SourceSpan | undefined): number => (span ? lineColumnAt(text, span.start).line : 1);
  const compiled = compileQuery(text, schema);
  if (!compiled.ok || !compiled.plan) {
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) {
      errors.push({ subdetection: null, line: d.line ?? 1, kind: 'unsupported', message: `the query does not compile: ${d.message}` });
    }
    if (errors.length === 0) errors.push({ subdetection: null, line: 1, kind: 'unsupported', message: 'the query does not compile' });
    return { documents: [], yaml: '', warnings, errors };
  }
  const root = compiled.plan;
  const subs = findSubdetections(root, new CompileEnv());
  // Operators above the union (the final sort, project…) shape the output only.
  for (let node: TabularPlan | undefined = root; node && !subs.some((s) => s.plan === node); node = 'input' in node ? node.input : undefined) {
    if (node.kind === 'sort' || node.kind === 'project' || node.kind === 'serialize') {
      warnings.push({ subdetection: null, line: lineOf(node.span), kind: 'dropped', message: `\`${node.kind}\` after the union was dropped: Sigma rules select events and do not order or shape output` });
    } else if (node.kind !== 'union') {
      errors.push({ subdetection: null, line: lineOf(node.span), kind: 'unsupported', message: `\`${node.kind}\` applied to the union of all sub-detections cannot be expressed in Sigma; nothing was exported` });
      return { documents: [], yaml: '', warnings, errors };
    }
  }

  const built: { name: string | null; collected: Collected; warnings: ExportWarning[] }[] = [];
  for (const sub of subs) {
    const local: ExportWarning[] = [];
    try {
      const collected = collect(sub.plan, sub.name, text, (kind, message, span) => local.push({ subdetection: sub.name, line: lineOf(span), kind, message }));
      built.push({ name: sub.name, collected, warnings: local });
    } catch (error) {
      if (!(error instanceof ExportFailure)) throw error;
      warnings.push(...local.filter((w) => w.kind !== 'approximation'));
      errors.push({ subdetection: sub.name, line: lineOf(error.span ?? sub.plan.span), kind: 'unsupported', message: `${sub.name ?? 'the query'} cannot be expressed in Sigma and was not exported: ${error.message}` });
    }
  }

  const documents: SigmaDocument[] = [];
  const ids = built.map((b) => sigmaId(rule, b.name));
  const tags = tagsOf(rule, warnings);
  const references = rule.references.filter((r) => !r.startsWith('https://attack.mitre.org/'));
  if (references.length < rule.references.length) {
    warnings.push({ subdetection: null, line: null, kind: 'dropped', message: 'MITRE ATT&CK links were left out of references: SigmaHQ wants the attack.* tags instead' });
  }
  built.forEach((b, i) => {
    warnings.push(...b.warnings);
    const id = ids[i] as string;
    const related = [
      ...ids.filter((other) => other !== id).map((other) => ({ id: other, type: 'similar' })),
      ...rule.related.map((r) => ({ id: r.id, type: r.type })),
    ];
    const where = b.name === null ? 'the KQL query' : `the KQL sub-detection ${b.name}`;
    const doc: SigmaDocument = {
      title: title(rule, b.name),
      id,
      ...(related.length > 0 ? { related } : {}),
      status: rule.status,
      description: `${rule.description.trim() || rule.title}\n\nExported by Rulebench from ${where} of rule ${rule.id}.`,
      ...(references.length > 0 ? { references: [...new Set(references)] } : {}),
      ...(rule.author.trim() ? { author: rule.author.trim() } : {}),
      date: DATE.test(rule.date.slice(0, 10)) ? rule.date.slice(0, 10) : new Date().toISOString().slice(0, 10),
      ...(rule.modified && DATE.test(rule.modified.slice(0, 10)) && rule.modified.slice(0, 10) > rule.date.slice(0, 10) ? { modified: rule.modified.slice(0, 10) } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      logsource: b.collected.logsource,
      detection: (() => {
        const d = buildDetection(b.collected.conjuncts);
        return { ...d.identifiers, condition: d.condition };
      })(),
      ...(rule.falsepositives.length > 0 ? { falsepositives: [...new Set(rule.falsepositives.filter((f) => f.trim().length >= 2))] } : {}),
      level: rule.level,
    };
    documents.push(doc);
    const corr = b.collected.correlation;
    if (corr) {
      const window = b.collected.window ?? rule.sentinel.query_period;
      if (!b.collected.window) warnings.push({ subdetection: b.name, line: corr.line, kind: 'approximation', message: `the correlation timespan is the rule's Sentinel query period (${window}); the query has no ago() window` });
      documents.push({
        title: title(rule, b.name, ' Threshold'),
        id: sigmaId(rule, b.name, '#correlation'),
        status: rule.status,
        description: `Counts the events of ${doc.title} per ${corr.groupBy.join(', ')}, as the KQL summarize does.`,
        ...(rule.author.trim() ? { author: rule.author.trim() } : {}),
        date: doc.date,
        ...(tags.length > 0 ? { tags } : {}),
        correlation: { type: corr.type, rules: [id], 'group-by': corr.groupBy, timespan: window, condition: corr.condition },
        ...(doc.falsepositives ? { falsepositives: doc.falsepositives } : {}),
        level: rule.level,
      });
    }
  });
  if (documents.length === 0 && errors.length === 0) errors.push({ subdetection: null, line: 1, kind: 'unsupported', message: 'nothing to export' });
  return { documents, yaml: toYaml(documents), warnings, errors };
}

function tagsOf(rule: Rule, warnings: ExportWarning[]): string[] {
  const tags: string[] = [];
  for (const t of rule.attack.tactics) {
    const legacy = LEGACY_TACTICS[t.trim().toLowerCase()];
    const tactic = findTactic(t);
    if (legacy) warnings.push({ subdetection: null, line: null, kind: 'dropped', message: `the tactic ${t} was left out of the tags: ${legacy.note}` });
    else if (tactic) tags.push(`attack.${tactic.shortname}`);
    else warnings.push({ subdetection: null, line: null, kind: 'dropped', message: `the tactic ${t} is not an ATT&CK v19 tactic and was left out of the tags` });
  }
  for (const t of rule.attack.techniques) if (/^T\d{4}(\.\d{3})?$/i.test(t.trim())) tags.push(`attack.${t.trim().toLowerCase()}`);
  return [...new Set(tags)];
}

/** Walks one sub-detection from its table up: filters become detection conjuncts; the rest is dropped or refused. */
function collect(plan: TabularPlan, sub: string | null, text: string, warn: TranslateContext['warn']): Collected {
  const chain: TabularPlan[] = [];
  let node: TabularPlan = plan;
  while (node.kind !== 'table') {
    if (!['filter', 'project', 'sort', 'serialize', 'summarize'].includes(node.kind) || !('input' in node)) {
      throw new ExportFailure(`\`${operatorText(text, node)}\` (${node.kind}) has no Sigma form${node.kind === 'join' ? ' (a temporal correlation would lose the conditions between the two sides)' : ''}`, node.span);
    }
    chain.push(node);
    node = node.input;
  }
  const table = node;
  const logsource = TABLE_TO_LOGSOURCE[table.name];
  if (!logsource) throw new ExportFailure(`the table ${table.name} has no Sigma logsource`, table.span);
  let resolve = (i: number): string | null => table.columns[i]?.name ?? null;
  // Each conjunct's warnings wait until the logsource is chosen: an ActionType filter the category absorbs is not in
  // the Sigma rule, so what translating it would have warned about does not apply.
  const conjuncts: { formula: Formula; expr: ScalarExpr; warnings: Parameters<TranslateContext['warn']>[] }[] = [];
  let window: string | undefined;
  let summarize: Extract<TabularPlan, { kind: 'summarize' }> | undefined;
  let correlation: Collected['correlation'];
  for (const n of chain.reverse()) {
    if (n.kind === 'filter') {
      if (summarize) {
        if (correlation) throw new ExportFailure('a second filter after summarize has no Sigma form', n.span);
        correlation = threshold(summarize, n.predicate, table.name, resolve, text);
        continue;
      }
      for (const part of conjunctsOf(n.predicate)) {
        if (isTimeFilter(part)) {
          const ago = part.kind === 'binary' && part.right.kind === 'call' && part.right.name === 'ago' ? part.right.args[0] : undefined;
          const span = ago?.kind === 'literal' && typeof ago.value === 'bigint' ? ticksToTimespan(ago.value) : undefined;
          if (span) window = span;
          warn('dropped', `time windows are set by the backend or scheduler; this rule used \`${text.slice(part.span.start, part.span.end)}\``, part.span);
          continue;
        }
        const warnings: Parameters<TranslateContext['warn']>[] = [];
        const ctx: TranslateContext = { table: table.name, text, column: resolve, warn: (...args) => void warnings.push(args) };
        conjuncts.push({ formula: translate(part, ctx), expr: part, warnings });
      }
    } else if (n.kind === 'project') {
      const prev = resolve;
      resolve = (i) => {
        const e = n.exprs[i];
        return e?.kind === 'column' ? prev(e.index) : null;
      };
      const constants = n.exprs.map((e, i) => (e.kind === 'literal' ? n.columns[i]?.name : undefined)).filter((x): x is string => x !== undefined);
      warn('dropped', `\`project\`/\`extend\` was dropped: a Sigma rule matches events and does not choose output columns${constants.length ? ` (constant column ${constants.join(', ')} too)` : ''}`, n.span);
    } else if (n.kind === 'sort' || n.kind === 'serialize') {
      warn('dropped', `\`${n.kind}\` was dropped: Sigma rules do not order results`, n.span);
    } else if (n.kind === 'summarize') {
      if (summarize) throw new ExportFailure('a second summarize has no Sigma form', n.span);
      summarize = n;
    }
  }
  if (summarize && !correlation) throw new ExportFailure('a summarize without a count threshold (`| where count_ > N`) has no Sigma form', summarize.span);
  const refined = refineLogsource(table.name, logsource, conjuncts, resolveTable(table), warn, table.span);
  for (const kept of refined.conjuncts) for (const args of kept.warnings) warn(...args);
  return { conjuncts: refined.conjuncts.map((c) => c.formula), logsource: refined.logsource, ...(window ? { window } : {}), ...(correlation ? { correlation } : {}) };
}

const resolveTable = (table: Extract<TabularPlan, { kind: 'table' }>) => (i: number): string | null => table.columns[i]?.name ?? null;

function conjunctsOf(expr: ScalarExpr): ScalarExpr[] {
  return expr.kind === 'binary' && expr.op === 'and' ? [...conjunctsOf(expr.left), ...conjunctsOf(expr.right)] : [expr];
}

function operatorText(text: string, plan: TabularPlan): string {
  return text.slice(plan.span.start, plan.span.end).replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** The ActionType values a positive `ActionType ==/=~/in/in~` conjunct allows, else undefined. */
function actionTypes(expr: ScalarExpr): string[] | undefined {
  const isAction = (e: ScalarExpr) => e.kind === 'column' && e.name === 'ActionType';
  if (expr.kind === 'binary' && (expr.op === '==' || expr.op === '=~') && isAction(expr.left) && expr.right.kind === 'literal' && typeof expr.right.value === 'string') return [expr.right.value];
  if (expr.kind === 'in' && !expr.negated && isAction(expr.value) && expr.subqueries.length === 0 && expr.list.every((e) => e.kind === 'literal')) {
    const values = expr.list.flatMap((e) => (e.kind === 'literal' ? (Array.isArray(e.value) ? e.value : [e.value]) : []));
    return values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
  }
  return undefined;
}

/**
 * File and registry events: Sigma splits them into categories by action (file_event is a file creation,
 * registry_set a value write…). An ActionType filter that names exactly one category becomes the logsource.
 */
function refineLogsource<C extends { formula: Formula; expr: ScalarExpr }>(table: string, logsource: SigmaLogsource, conjuncts: C[], _resolve: (i: number) => string | null, warn: TranslateContext['warn'], tableSpan: SourceSpan): { conjuncts: C[]; logsource: SigmaLogsource } {
  const actions = table === 'DeviceFileEvents' ? FILE_ACTIONS : table === 'DeviceRegistryEvents' ? REGISTRY_ACTIONS : undefined;
  if (!actions) return { conjuncts, logsource };
  for (const c of conjuncts) {
    const values = actionTypes(c.expr);
    if (!values) continue;
    const categories = new Set(values.map((v) => actions[v]));
    const [category] = [...categories];
    if (categories.size === 1 && category) {
      warn('dropped', `\`ActionType\` ${values.join(', ')} is expressed by the logsource category ${category}`, c.expr.span);
      return { conjuncts: conjuncts.filter((o) => o !== c), logsource: { ...logsource, category } };
    }
  }
  if (table === 'DeviceFileEvents') {
    if (!fieldFor(table, 'ActionType')) throw new ExportFailure('ActionType has no Sigma field', tableSpan);
    warn('approximation', 'Sigma file_event means file creation; this sub-detection also reads other file actions (no ActionType filter naming one category)', tableSpan);
  }
  return { conjuncts, logsource };
}

/** `summarize count()|dcount(X) by keys | where count_ > N` → an event_count / value_count correlation. */
function threshold(summarize: Extract<TabularPlan, { kind: 'summarize' }>, predicate: ScalarExpr, table: string, resolve: (i: number) => string | null, text: string): NonNullable<Collected['correlation']> {
  const refuse = (why: string): never => {
    throw new ExportFailure(`\`${text.slice(summarize.span.start, summarize.span.end).replace(/\s+/g, ' ').trim()}\` ${why}`, summarize.span);
  };
  const [aggregate, ...more] = summarize.aggregates;
  if (!aggregate || more.length > 0) refuse('has no Sigma correlation form (one count() or dcount() is needed)');
  const agg = aggregate as NonNullable<typeof aggregate>;
  const groupBy = summarize.keys.map((k) => {
    const column = k.kind === 'column' ? resolve(k.index) : null;
    const mapping = column ? fieldFor(table, column) : undefined;
    if (!column || !mapping || mapping.fileName) refuse(`groups by \`${text.slice(k.span.start, k.span.end)}\`, which has no Sigma field`);
    return (mapping as NonNullable<typeof mapping>).field;
  });
  if (groupBy.length === 0) refuse('has no `by` keys; Sigma correlations need group-by');
  let type: 'event_count' | 'value_count';
  const condition: Record<string, number | string> = {};
  if (agg.name === 'count' && agg.args.length === 0) type = 'event_count';
  else if (agg.name === 'dcount' && agg.args[0]?.kind === 'column') {
    const column = resolve(agg.args[0].index);
    const mapping = column ? fieldFor(table, column) : undefined;
    if (!mapping || mapping.fileName) refuse('counts distinct values of a column with no Sigma field');
    type = 'value_count';
    condition.field = (mapping as NonNullable<typeof mapping>).field;
  } else return refuse(`aggregates with ${agg.name}(), which no Sigma correlation type expresses here`);
  // The aggregate's output column: outputs are expressions over [keys…, aggregate outputs…].
  const aggColumn = summarize.outputs.findIndex((o) => o.kind === 'column' && o.index === summarize.keys.length);
  const ops: Record<string, string> = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', '==': 'eq', '!=': 'neq' };
  if (predicate.kind !== 'binary' || !ops[predicate.op] || predicate.left.kind !== 'column' || predicate.left.index !== aggColumn || predicate.right.kind !== 'literal') {
    return refuse('is followed by a filter that is not `count > N`');
  }
  const n = predicate.right.value;
  if (typeof n !== 'number' && typeof n !== 'bigint') return refuse('compares the count with a non-number');
  condition[ops[predicate.op] as string] = Number(n);
  return { type, groupBy, condition, line: lineColumnAt(text, predicate.span.start).line };
}

/** SigmaHQ house style: 4-space indentation, sequences indented under their key, plain scalars unless YAML needs quotes. */
export function toYaml(documents: readonly SigmaDocument[]): string {
  return documents
    .map((d) => {
      const doc = new Document(d);
      return doc.toString({ indent: 4, indentSeq: true, lineWidth: 0, singleQuote: true, blockQuote: 'literal' }).replace(/[ \t]+$/gm, '');
    })
    .join('---\n');
}
