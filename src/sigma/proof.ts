/**
 * Proof by running: does the Sigma export select the same events as the KQL rule? The rule is exported
 * (exportSigma), each exported document is converted back to KQL (importSigma, as any Sigma → Defender converter
 * would), and the original query and the round-tripped queries run on the rule's own test events. Every event one
 * side selects and the other does not is listed with the export warning that most likely explains it, so an
 * approximation the user accepted ("has became |contains, which is broader") is shown doing exactly what it said,
 * and anything else stands out as unexplained. Pure: no I/O, same answer in Node and in the engine worker.
 */
import { encodeCell } from '../cli/json-encoding.ts';
import { loadEvents, type EventTable, type LoadedEvents } from '../events/index.ts';
import { compileQuery, type CompiledQuery, type TableData } from '../kql/engine/index.ts';
import { CompileEnv } from '../kql/engine/exec/runtime.ts';
import { findSubdetections } from '../kql/engine/lineage.ts';
import { parseDatetime } from '../kql/values/index.ts';
import type { KqlValue } from '../kql/values/value.ts';
import type { Rule, RuleTest } from '../rule/model.ts';
import { defaultNow } from '../rule/run-tests.ts';
import type { TableSchema } from '../schema/types.ts';
import { exportSigma, sigmaId, type ExportWarning } from './export.ts';
import { importSigma } from './import.ts';

/** One test event that the two sides treat differently. */
export interface ProofDifference {
  /** The rule test whose inline events hold it. */
  readonly test: string;
  readonly table: string;
  /** 0-based row of `table` among that test's events. */
  readonly row: number;
  /** Its most telling fields on one line (plain text). */
  readonly summary: string;
  readonly originalMatched: boolean;
  readonly sigmaMatched: boolean;
  /** The sub-detection whose Sigma rule differs (the side that selected the event), null for the query as a whole. */
  readonly subdetection: string | null;
  /** The export warning (or error) that most likely explains the difference; absent: unexplained. */
  readonly explainedBy?: ExportWarning;
}

export interface ProofResult {
  /**
   * `compared`: both sides ran on the test events. `needs-tests`: the rule has no test with inline events.
   * `not-exported`: the export has errors, so there is nothing to prove. `failed`: the original query or a
   * round-tripped document could not run (see notes).
   */
  readonly status: 'compared' | 'needs-tests' | 'not-exported' | 'failed';
  /** True only when the comparison ran completely and every event was selected by both sides or by neither. */
  readonly same: boolean;
  /** Test events compared. */
  readonly events: number;
  readonly differences: readonly ProofDifference[];
  /** What the proof could not cover (a correlation rule, a test with only an events file, a document that did not convert back). */
  readonly notes: readonly string[];
  /** One sentence for people: the verdict. */
  readonly message: string;
}

const SUMMARY_LENGTH = 160;
/** Fields that say most about a security event, shown first (as the events list's preview does). */
const TELLING_FIELDS = [
  'ActionType', 'DeviceName', 'FileName', 'FolderPath', 'ProcessCommandLine', 'InitiatingProcessFileName', 'InitiatingProcessCommandLine',
  'AccountName', 'RemoteIP', 'RemoteUrl', 'RegistryKey', 'EventID', 'Computer',
];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The documents of a multi-document YAML, as the export writes it (toYaml joins documents with a `---` line; block
 * scalars are indented, so a `---` at column 0 only ever separates documents).
 */
export function splitYamlDocuments(yaml: string): string[] {
  return yaml.split(/^---[ \t]*\r?\n/m).filter((part) => part.trim() !== '');
}

/** Tables the query names but the test has no events for read as empty, laid out by the schema. */
function withEmptyTables(tables: ReadonlyMap<string, EventTable>, schema: readonly TableSchema[]): Map<string, TableData> {
  const out = new Map<string, TableData>(tables as ReadonlyMap<string, TableData>);
  for (const table of schema) if (!out.has(table.name)) out.set(table.name, { columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows: [] });
  return out;
}

/** As run-tests.ts: the test's `now`, else just after the newest Timestamp/TimeGenerated so `ago()` windows hold. */
function nowFor(test: RuleTest, tables: ReadonlyMap<string, EventTable>): bigint | undefined {
  if (test.now !== undefined) return parseDatetime(test.now) ?? undefined;
  return defaultNow(tables);
}

function summaryOf(name: string, table: EventTable, row: readonly KqlValue[]): string {
  const parts: string[] = [];
  const add = (i: number): void => {
    const column = table.columns[i];
    const value = row[i];
    if (!column || value === null || value === undefined || value === '') return;
    const text = encodeCell(value, column.type);
    parts.push(column.type === 'string' ? (JSON.parse(text) as string) : text);
  };
  for (const name of TELLING_FIELDS) {
    const i = table.columns.findIndex((c) => c.name === name);
    if (i >= 0) add(i);
    if (parts.join(' · ').length >= SUMMARY_LENGTH) break;
  }
  const text = parts.join(' · ').replace(/\s+/g, ' ') || `(an event of ${name} with no telling fields)`;
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text;
}

const key = (table: string, index: number): string => `${table}\u0000${index}`;

/** Per event key, the sub-detections whose output it reached. */
function selected(compiled: CompiledQuery, tables: Map<string, TableData>, now: bigint | undefined, tag?: string | null): { matched: Map<string, Set<string | null>>; error?: string } {
  const result = compiled.run(tables, { ...(now !== undefined ? { now } : {}), lineage: true });
  const error = result.diagnostics.find((d) => d.severity === 'error');
  const matched = new Map<string, Set<string | null>>();
  (result.provenance ?? []).forEach((p) => {
    for (const s of p.sources) {
      const k = key(s.table, s.index);
      let subs = matched.get(k);
      if (!subs) matched.set(k, (subs = new Set()));
      subs.add(tag === undefined ? p.subdetection : tag);
    }
  });
  return error ? { matched, error: error.message } : { matched };
}

/**
 * The warning that most likely explains a differing event, among the warnings of the sub-detections that selected it:
 * for an event only Sigma selects, the warning on the line that stopped it in the query, then approximations, then
 * dropped operators; for an event only the query selects, an approximation that narrows. None: unexplained.
 */
function explain(
  subs: readonly (string | null)[],
  warnings: readonly ExportWarning[],
  sigmaBroader: boolean,
  decidingLines: ReadonlyMap<string | null, number>,
): { subdetection: string | null; warning?: ExportWarning } {
  // A broadening ("became |contains, which is broader") or a dropped filter can only make Sigma select more, so it
  // never explains an event that only the query selects.
  const rank = (w: ExportWarning, sub: string | null): number | undefined => {
    const broadens = w.kind === 'dropped' || /\bbroader\b/.test(w.message);
    if (!sigmaBroader) return w.kind === 'approximation' && !broadens ? 1 : undefined;
    if (decidingLines.get(sub) === w.line) return 0;
    if (w.kind === 'approximation') return 1;
    if (w.kind === 'dropped') return 2;
    return undefined;
  };
  let best: { subdetection: string | null; warning: ExportWarning; rank: number } | undefined;
  for (const sub of subs) {
    for (const w of warnings) {
      // Query-wide warnings (tags, references) are about metadata, not about which events match.
      if (w.subdetection !== sub) continue;
      const r = rank(w, sub);
      if (r !== undefined && (!best || r < best.rank)) best = { subdetection: sub, warning: w, rank: r };
    }
  }
  if (best) return { subdetection: best.subdetection, warning: best.warning };
  return { subdetection: subs[0] ?? null };
}

export function proveSigmaExport(rule: Rule, schema: readonly TableSchema[]): ProofResult {
  const notes: string[] = [];
  const inlineTests = rule.tests.filter((t) => t.events !== undefined && t.events.length > 0);
  const fileOnly = rule.tests.filter((t) => t.events === undefined && t.events_file !== undefined);
  if (fileOnly.length > 0) notes.push(`${plural(fileOnly.length, 'test')} with only an events file ${fileOnly.length === 1 ? 'is' : 'are'} not part of the proof (the browser cannot read rule folders).`);
  const base = { same: false, events: 0, differences: [] as ProofDifference[] };
  if (inlineTests.length === 0) {
    return { ...base, status: 'needs-tests', notes, message: 'Proof by running needs tests: add a rule test with events (Tests tab) to compare the Sigma rules with the query.' };
  }

  const exported = exportSigma(rule, schema);
  if (exported.errors.length > 0 || exported.documents.length === 0) {
    return { ...base, status: 'not-exported', notes, message: 'Nothing was exported to Sigma, so there is nothing to prove; see the export errors.' };
  }
  const original = compileQuery(rule.query, schema);
  if (!original.ok || !original.plan) {
    return { ...base, status: 'failed', notes, message: 'The query does not compile, so it cannot be run on the test events.' };
  }

  // Which document is which sub-detection: the export's ids are stable per (rule, sub-detection).
  const subNames = findSubdetections(original.plan, new CompileEnv()).map((s) => s.name);
  const texts = splitYamlDocuments(exported.yaml);
  const roundTripped: { subdetection: string | null; compiled: CompiledQuery }[] = [];
  let incomplete = false;
  exported.documents.forEach((doc, i) => {
    const name = subNames.find((n) => sigmaId(rule, n) === doc.id);
    if (doc.correlation) {
      notes.push(`"${doc.title}" is a Sigma correlation rule; the proof runs its base rule without the threshold.`);
      return;
    }
    const text = texts[i];
    const label = `"${doc.title}"`;
    if (name === undefined || text === undefined) {
      notes.push(`${label} could not be matched to a sub-detection of the query.`);
      incomplete = true;
      return;
    }
    const imported = importSigma(text, `${label} (exported)`, schema, { today: doc.date, newId: () => doc.id });
    if (!imported.rule) {
      const why = [...imported.diagnostics.map((d) => d.message), ...imported.report.filter((r) => r.severity === 'error').map((r) => r.message)][0];
      notes.push(`${label} did not convert back to KQL${why ? `: ${why}` : ''}.`);
      incomplete = true;
      return;
    }
    const compiled = compileQuery(imported.rule.query, schema);
    if (!compiled.ok) {
      const why = compiled.diagnostics.find((d) => d.severity === 'error')?.message;
      notes.push(`${label} converted back to a query that does not compile${why ? `: ${why}` : ''}.`);
      incomplete = true;
      return;
    }
    roundTripped.push({ subdetection: name, compiled });
  });

  let events = 0;
  const differences: ProofDifference[] = [];
  for (const test of inlineTests) {
    const loaded: LoadedEvents = loadEvents([{ text: JSON.stringify(test.events), source: `${test.name} (inline events)`, ...(test.table ? { defaultTable: test.table } : {}) }], { schema });
    const loadError = loaded.diagnostics.find((d) => d.severity === 'error');
    if (loadError) {
      notes.push(`The events of test "${test.name}" could not be loaded: ${loadError.message}`);
      incomplete = true;
      continue;
    }
    const tables = withEmptyTables(loaded.tables, schema);
    const now = nowFor(test, loaded.tables);
    const ours = selected(original, tables, now);
    if (ours.error) {
      notes.push(`The query failed on the events of test "${test.name}": ${ours.error}`);
      incomplete = true;
      continue;
    }
    const theirs = new Map<string, Set<string | null>>();
    for (const side of roundTripped) {
      const run = selected(side.compiled, tables, now, side.subdetection);
      if (run.error) {
        notes.push(`The Sigma rule for ${side.subdetection ?? 'the query'} failed on the events of test "${test.name}": ${run.error}`);
        incomplete = true;
      }
      for (const [k, subs] of run.matched) {
        const into = theirs.get(k) ?? new Set<string | null>();
        for (const s of subs) into.add(s);
        theirs.set(k, into);
      }
    }

    const differing: { table: string; index: number; originalMatched: boolean; subs: (string | null)[] }[] = [];
    for (const [name, table] of loaded.tables) {
      table.rows.forEach((_, index) => {
        events++;
        const k = key(name, index);
        const a = ours.matched.get(k);
        const b = theirs.get(k);
        if ((a !== undefined) === (b !== undefined)) return;
        differing.push({ table: name, index, originalMatched: a !== undefined, subs: [...(a ?? b ?? [])] });
      });
    }
    if (differing.length === 0) continue;

    // Why the original dropped the events Sigma selects: the line that stopped each one, per sub-detection.
    const sigmaOnly = differing.filter((d) => !d.originalMatched);
    const explanations = sigmaOnly.length > 0
      ? (original.run(tables, { ...(now !== undefined ? { now } : {}), explain: true, explainEvents: sigmaOnly.map((d) => ({ table: d.table, index: d.index })) }).explanations ?? [])
      : [];
    for (const d of differing) {
      const lines = new Map<string | null, number>();
      for (const e of explanations) if (e.table === d.table && e.index === d.index) lines.set(e.subdetection, e.line);
      const { subdetection, warning } = explain(d.subs, exported.warnings, !d.originalMatched, lines);
      const table = loaded.tables.get(d.table);
      const row = table?.rows[d.index];
      differences.push({
        test: test.name,
        table: d.table,
        row: d.index,
        summary: table && row ? summaryOf(d.table, table, row) : `(row ${d.index + 1} of ${d.table})`,
        originalMatched: d.originalMatched,
        sigmaMatched: !d.originalMatched,
        subdetection,
        ...(warning ? { explainedBy: warning } : {}),
      });
    }
  }

  const same = !incomplete && differences.length === 0;
  const status = incomplete && roundTripped.length === 0 ? 'failed' : 'compared';
  let message: string;
  if (same) message = `Same matches on the rule's ${plural(events, 'test event')}.`;
  else if (differences.length === 0) message = `No difference on the rule's ${plural(events, 'test event')} that could be compared, but the proof is incomplete (see the notes).`;
  else {
    const unexplained = differences.filter((d) => !d.explainedBy).length;
    message = `${plural(differences.length, 'event')} of ${events} ${differences.length === 1 ? 'is' : 'are'} matched differently by the Sigma rules${unexplained > 0 ? ` (${unexplained} unexplained)` : ', each explained by an export warning'}.`;
  }
  return { status, same, events, differences, notes, message };
}
