// The engine worker: parses and analyses rules, parses sample events and evaluates rules on them, off the UI thread.
// It only adapts messages to src/kql and src/events.
// The Bridge.NET `global` shim comes with src/kql/bridge/load.ts, which every engine import goes through.
import { analyze, warmUp } from '../../src/kql/analyze.ts';
import { loadEvents, loadEventsInSlices, type EventsInput, type EventTable, type LoadedEvents } from '../../src/events/index.ts';
import { compileQuery, type Explanation, type TableData } from '../../src/kql/engine/index.ts';
import { encodeCell } from '../../src/cli/json-encoding.ts';
import { formatDatetime } from '../../src/kql/values/index.ts';
import type { KqlValue } from '../../src/kql/values/value.ts';
import type { TableSchema } from '../../src/schema/types.ts';
import { lookBackTicks } from '../../src/kql/engine/look-back.ts';
import { combineEvents, eventDetail, listEvents, timeOf, type CombinedEvents } from './combined-events.ts';
import { eventRefKey } from './engine-protocol.ts';
import { runRuleTests } from '../../src/rule/run-tests.ts';
import { requiredTables } from '../../src/rule/tables.ts';
import { countEvents, eventsAsRecords } from '../panels/rule/event-records.ts';
import { exportRule } from '../panels/export/export-rule.ts';
import { proveSigmaExport } from '../../src/sigma/proof.ts';
import type {
  AsOf, EngineRequest, EngineResponse, EventRef, EventVerdict, EventsSelection, EventsSourceText, Evaluation, FunnelView, ParsedEvents, SubdetectionVerdict,
} from './engine-protocol.ts';

const schemas = new Map<string, readonly TableSchema[]>();
/** Loaded events texts by source id, with their tables parsed for one schema. */
const sources = new Map<string, { source: EventsSourceText; schemaKey: string; loaded: LoadedEvents }>();

const TICKS_PER_MS = 10_000n;
const TICKS_PER_MINUTE = 60_000n * TICKS_PER_MS;

function reply(message: EngineResponse): void {
  (self as unknown as Worker).postMessage(message);
}

/** The chosen table only fills in rows that name none: a CSV's `Type` column still wins (unlike the CLI's --table). */
function inputOf(source: EventsSourceText): EventsInput {
  return { text: source.text, source: source.name, ...(source.table ? { defaultTable: source.table } : {}) };
}

function parse(source: EventsSourceText, schema: readonly TableSchema[]): LoadedEvents {
  return loadEvents([inputOf(source)], { schema });
}

/** Parse requests still reading, by request id, with whether a `cancel-parse` asked them to stop. */
const activeParses = new Map<number, { cancelled: boolean }>();

/** Reads the text in slices, with progress messages between them, so a `cancel-parse` can get in. */
async function parseEvents(id: number, source: EventsSourceText, schemaKey: string, schema: readonly TableSchema[]): Promise<ParsedEvents> {
  const state = { cancelled: false };
  activeParses.set(id, state);
  try {
    const loaded = await loadEventsInSlices(inputOf(source), { schema }, {
      onProgress: ({ done, total }) => reply({ id, kind: 'events-progress', done, total }),
      isCancelled: () => state.cancelled,
    });
    if (!loaded) return { accepted: false, summaries: [], diagnostics: [], cancelled: true };
    const accepted = loaded.summaries.some((s) => s.rowCount > 0);
    if (accepted) sources.set(source.id, { source, schemaKey, loaded });
    return { accepted, summaries: loaded.summaries, diagnostics: loaded.diagnostics };
  } finally {
    activeParses.delete(id);
  }
}

/** The selected events as one set of tables, re-parsed for `schemaKey` when the schema changed since loading. */
function combine(selection: readonly EventsSelection[], schemaKey: string, schema: readonly TableSchema[]): CombinedEvents {
  return combineEvents(selection, (id) => {
    let entry = sources.get(id);
    if (!entry) return undefined;
    if (entry.schemaKey !== schemaKey) {
      entry = { source: entry.source, schemaKey, loaded: parse(entry.source, schema) };
      sources.set(id, entry);
    }
    return entry.loaded;
  });
}

/** The newest Timestamp/TimeGenerated among the events, in ticks. */
function latestEvent(tables: ReadonlyMap<string, EventTable>): bigint | null {
  let latest: bigint | null = null;
  for (const table of tables.values()) {
    table.columns.forEach((column, i) => {
      if (column.type !== 'datetime' || (column.name !== 'Timestamp' && column.name !== 'TimeGenerated')) return;
      for (const row of table.rows) {
        const value = row[i];
        if (typeof value === 'bigint' && (latest === null || value > latest)) latest = value;
      }
    });
  }
  return latest;
}

/** `lookBack`: the rule's longest ago() window in ticks (src/kql/engine/look-back.ts), 0 when it has none or did not compile. */
function chooseNow(asOf: AsOf, wallClockMs: number, latest: bigint | null, lookBack: bigint): { now: bigint; reason: Evaluation['nowReason'] } {
  const wall = BigInt(Math.round(wallClockMs)) * TICKS_PER_MS;
  if (asOf.mode === 'fixed') return { now: BigInt(Math.round(asOf.epochMs)) * TICKS_PER_MS, reason: 'fixed' };
  if (asOf.mode === 'now' || latest === null) return { now: wall, reason: 'now' };
  // Only move the clock when ago() would otherwise filter out every sample.
  if (lookBack > 0n && latest < wall - lookBack) return { now: latest + TICKS_PER_MINUTE, reason: 'latest-event' };
  return { now: wall, reason: 'now' };
}

/** Tables the query names but no events were loaded for read as empty, laid out by the schema. */
class TablesWithEmptyDefaults extends Map<string, TableData> {
  constructor(entries: Iterable<[string, TableData]>, private readonly schema: readonly TableSchema[]) {
    super(entries);
  }
  override get(name: string): TableData | undefined {
    const found = super.get(name);
    if (found) return found;
    const table = this.schema.find((t) => t.name === name);
    return table ? { columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows: [] } : undefined;
  }
  override has(name: string): boolean {
    return super.has(name) || this.schema.some((t) => t.name === name);
  }
}

/** Keys of the events that reached the output of the latest evaluation, for the events list's status filter. */
let lastMatchedKeys: ReadonlySet<string> = new Set();

function evaluate(request: Extract<EngineRequest, { kind: 'evaluate' }>, schema: readonly TableSchema[]): Evaluation {
  const started = performance.now();
  const events = combine(request.events, request.schemaKey, schema);
  const latest = latestEvent(events.tables);
  const compiled = compileQuery(request.text, schema);
  const { now, reason } = chooseNow(request.asOf, request.wallClockMs, latest, compiled.plan ? lookBackTicks(compiled.plan) : 0n);
  const base = { nowIso: formatDatetime(now), nowReason: reason, latestEventIso: latest === null ? null : formatDatetime(latest) };
  const empty = { columns: [], rows: [], subdetections: [], rowSources: [], rowTimes: [], matched: [], funnels: [], verdict: null };
  if (!compiled.ok) return { compiled: false, ...empty, diagnostics: compiled.diagnostics, ...base, elapsedMs: performance.now() - started };

  const toRef = (table: string, index: number): EventRef | undefined => events.origins.get(table)?.[index];
  const target = request.explainEvent ? combinedIndex(events, request.explainEvent) : undefined;
  const result = compiled.run(new TablesWithEmptyDefaults(events.tables as Map<string, TableData>, schema), {
    now,
    explain: true,
    explainEvents: target ? [target] : [],
  });
  const columns = result.columns.map((c) => ({ name: c.name, type: c.type }));
  const rows = result.rows.map((row) => columns.map((c, i) => encodeCell(row[i] as KqlValue, c.type)));
  const provenance = result.provenance ?? [];
  const subdetections = result.rows.map((_, i) => provenance[i]?.subdetection ?? null);
  const rowSources = result.rows.map((_, i) => (provenance[i]?.sources ?? []).flatMap((s) => toRef(s.table, s.index) ?? []));

  const ownTime = columns.findIndex((c) => (c.name === 'Timestamp' || c.name === 'TimeGenerated') && c.type === 'datetime');
  const rowTimes = result.rows.map((row, i) => {
    const own = ownTime >= 0 ? row[ownTime] : null;
    if (typeof own === 'bigint') return formatDatetime(own);
    const first = provenance[i]?.sources[0];
    const table = first ? events.tables.get(first.table) : undefined;
    const eventRow = first && table ? table.rows[first.index] : undefined;
    return table && eventRow ? timeOf(table, eventRow) : null;
  });

  const matchedByKey = new Map<string, { ref: EventRef; subdetections: (string | null)[] }>();
  rowSources.forEach((refs, i) => {
    for (const ref of refs) {
      const key = eventRefKey(ref);
      let entry = matchedByKey.get(key);
      if (!entry) matchedByKey.set(key, (entry = { ref, subdetections: [] }));
      const sub = subdetections[i] ?? null;
      if (!entry.subdetections.includes(sub)) entry.subdetections.push(sub);
    }
  });
  lastMatchedKeys = new Set(matchedByKey.keys());

  const funnels = (result.funnels ?? []).map((f) => ({ subdetection: f.subdetection, tables: f.tables, steps: f.steps }));
  const verdict = request.explainEvent && target
    ? verdictFor(request.explainEvent, funnels, matchedByKey.get(eventRefKey(request.explainEvent))?.subdetections ?? [], result.explanations ?? [])
    : null;
  return {
    compiled: true, columns, rows, subdetections, rowSources, rowTimes, matched: [...matchedByKey.values()], funnels, verdict,
    diagnostics: result.diagnostics, ...base, elapsedMs: performance.now() - started,
  };
}

/** Where an event sits in the combined tables, or undefined when it is not loaded (removed, or its source dropped). */
function combinedIndex(events: CombinedEvents, ref: EventRef): { table: string; index: number } | undefined {
  const origin = events.origins.get(ref.table);
  const index = origin?.findIndex((o) => o.sourceId === ref.sourceId && o.row === ref.row) ?? -1;
  return index >= 0 ? { table: ref.table, index } : undefined;
}

function verdictFor(
  ref: EventRef,
  funnels: readonly FunnelView[],
  matchedBy: readonly (string | null)[],
  explanations: readonly Explanation[],
): EventVerdict {
  const verdicts: SubdetectionVerdict[] = funnels.map((funnel) => {
    const sub = funnel.subdetection;
    const name = sub ?? 'the query';
    if (matchedBy.includes(sub)) return { subdetection: sub, status: 'matched', line: null, predicate: null, operator: null, reason: `matched by ${name}` };
    if (!funnel.tables.includes(ref.table)) {
      return { subdetection: sub, status: 'not-read', line: null, predicate: null, operator: null, reason: `${name} does not read ${ref.table}` };
    }
    const why = explanations.find((e) => e.subdetection === sub);
    if (!why) return { subdetection: sub, status: 'matched', line: null, predicate: null, operator: null, reason: `passed every operator of ${name}` };
    return { subdetection: sub, status: 'stopped', line: why.line, predicate: why.predicate, operator: why.operator, reason: why.reason };
  });
  return { ref, verdicts };
}

self.addEventListener('message', (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  try {
    switch (request.kind) {
      case 'set-schema':
        schemas.clear();
        schemas.set(request.schemaKey, request.tables);
        reply({ id: request.id, kind: 'schema-set' });
        // Pays Kusto.Language's one-time start-up cost now, not on the first keystroke's analysis.
        warmUp(request.tables);
        return;
      case 'cancel-parse': {
        const parse = activeParses.get(request.parseId);
        if (parse) parse.cancelled = true;
        reply({ id: request.id, kind: 'parse-cancel-noted' });
        return;
      }
      case 'parse-events': {
        const tables = schemas.get(request.schemaKey);
        if (!tables) {
          reply({ id: request.id, kind: 'failed', message: `schema ${request.schemaKey} was not sent to the engine worker` });
          return;
        }
        parseEvents(request.id, request.source, request.schemaKey, tables).then(
          (result) => reply({ id: request.id, kind: 'events-parsed', result }),
          (error: unknown) => reply({ id: request.id, kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
        );
        return;
      }
      case 'drop-events':
        sources.delete(request.sourceId);
        reply({ id: request.id, kind: 'events-dropped' });
        return;
      case 'analyze':
      case 'evaluate': {
        const tables = schemas.get(request.schemaKey);
        if (!tables) {
          reply({ id: request.id, kind: 'failed', message: `schema ${request.schemaKey} was not sent to the engine worker` });
          return;
        }
        if (request.kind === 'analyze') reply({ id: request.id, kind: 'analyzed', result: analyze(request.text, tables) });
        else reply({ id: request.id, kind: 'evaluated', result: evaluate(request, tables) });
        return;
      }
      case 'required-tables':
        reply({ id: request.id, kind: 'required-tables-found', tables: requiredTables(request.query, schemas.get(request.schemaKey) ?? []) });
        return;
      case 'run-rule-tests': {
        const tables = schemas.get(request.schemaKey) ?? [];
        reply({ id: request.id, kind: 'rule-tests-run', outcomes: runRuleTests({ query: request.query, tests: [...request.tests] }, tables) });
        return;
      }
      case 'events-as-records': {
        const events = combine(request.events, request.schemaKey, schemas.get(request.schemaKey) ?? []);
        const total = countEvents(events);
        const tooMany = request.limit !== undefined && total > request.limit;
        reply({ id: request.id, kind: 'events-records', total, records: tooMany ? null : eventsAsRecords(events) });
        return;
      }
      case 'export-rule':
        reply({ id: request.id, kind: 'rule-exported', result: exportRule(request.rule, schemas.get(request.schemaKey) ?? [], request.format) });
        return;
      case 'prove-sigma':
        reply({ id: request.id, kind: 'sigma-proved', result: proveSigmaExport(request.rule, schemas.get(request.schemaKey) ?? []) });
        return;
      case 'list-events':
      case 'get-event': {
        const tables = schemas.get(request.schemaKey) ?? [];
        if (request.kind === 'get-event') {
          const events = combine([{ id: request.ref.sourceId, excludedTables: [], excludedRows: [] }], request.schemaKey, tables);
          reply({ id: request.id, kind: 'event', event: eventDetail(events, request.ref, eventRefKey) });
          return;
        }
        const events = combine(request.events, request.schemaKey, tables);
        const page = listEvents(events, request, lastMatchedKeys, eventRefKey);
        reply({ id: request.id, kind: 'events-listed', total: page.total, items: page.items });
        return;
      }
    }
  } catch (error) {
    reply({ id: request.id, kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
