// The engine worker: parses and analyses rules, parses sample events and evaluates rules on them, off the UI thread.
// It only adapts messages to src/kql and src/events.
// The Bridge.NET `global` shim comes with src/kql/bridge/load.ts, which every engine import goes through.
import { analyze, warmUp } from '../../src/kql/analyze.ts';
import { loadEvents, type EventTable, type LoadedEvents } from '../../src/events/index.ts';
import { compileQuery, type TableData } from '../../src/kql/engine/index.ts';
import { encodeCell } from '../../src/cli/json-encoding.ts';
import { formatDatetime } from '../../src/kql/values/index.ts';
import type { KqlValue } from '../../src/kql/values/value.ts';
import type { TableSchema } from '../../src/schema/types.ts';
import { lookBackMs } from './look-back.ts';
import type { AsOf, EngineRequest, EngineResponse, EventsSelection, EventsSourceText, Evaluation, ParsedEvents } from './engine-protocol.ts';

const schemas = new Map<string, readonly TableSchema[]>();
/** Loaded events texts by source id, with their tables parsed for one schema. */
const sources = new Map<string, { source: EventsSourceText; schemaKey: string; loaded: LoadedEvents }>();

const TICKS_PER_MS = 10_000n;
const TICKS_PER_MINUTE = 60_000n * TICKS_PER_MS;

function reply(message: EngineResponse): void {
  (self as unknown as Worker).postMessage(message);
}

function parse(source: EventsSourceText, schema: readonly TableSchema[]): LoadedEvents {
  return loadEvents([{ text: source.text, source: source.name, ...(source.table ? { table: source.table } : {}) }], { schema });
}

function parseEvents(source: EventsSourceText, schemaKey: string, schema: readonly TableSchema[]): ParsedEvents {
  const loaded = parse(source, schema);
  const accepted = loaded.summaries.some((s) => s.rowCount > 0);
  if (accepted) sources.set(source.id, { source, schemaKey, loaded });
  return { accepted, summaries: loaded.summaries, diagnostics: loaded.diagnostics };
}

/** The selected events as one set of tables; rows of a table from several sources are appended by column name. */
function combine(selection: readonly EventsSelection[], schemaKey: string, schema: readonly TableSchema[]): Map<string, EventTable> {
  const out = new Map<string, EventTable>();
  for (const { id, excludedTables } of selection) {
    let entry = sources.get(id);
    if (!entry) continue;
    if (entry.schemaKey !== schemaKey) {
      entry = { source: entry.source, schemaKey, loaded: parse(entry.source, schema) };
      sources.set(id, entry);
    }
    for (const [name, table] of entry.loaded.tables) {
      if (excludedTables.includes(name)) continue;
      const existing = out.get(name);
      if (!existing) {
        out.set(name, { columns: [...table.columns], rows: [...table.rows] });
        continue;
      }
      const index = new Map(existing.columns.map((c, i) => [c.name, i]));
      for (const column of table.columns) {
        if (!index.has(column.name)) {
          index.set(column.name, existing.columns.length);
          existing.columns.push(column);
          for (const row of existing.rows) row.push(null);
        }
      }
      const positions = table.columns.map((c) => index.get(c.name) ?? 0);
      for (const row of table.rows) {
        const next = existing.columns.map((c) => (c.type === 'string' ? '' : null)) as EventTable['rows'][number];
        row.forEach((value, i) => (next[positions[i] ?? 0] = value));
        existing.rows.push(next);
      }
    }
  }
  return out;
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

function chooseNow(asOf: AsOf, wallClockMs: number, latest: bigint | null, text: string): { now: bigint; reason: Evaluation['nowReason'] } {
  const wall = BigInt(Math.round(wallClockMs)) * TICKS_PER_MS;
  if (asOf.mode === 'fixed') return { now: BigInt(Math.round(asOf.epochMs)) * TICKS_PER_MS, reason: 'fixed' };
  if (asOf.mode === 'now' || latest === null) return { now: wall, reason: 'now' };
  const lookBack = BigInt(Math.round(lookBackMs(text))) * TICKS_PER_MS;
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

function evaluate(request: Extract<EngineRequest, { kind: 'evaluate' }>, schema: readonly TableSchema[]): Evaluation {
  const tables = combine(request.events, request.schemaKey, schema);
  const latest = latestEvent(tables);
  const { now, reason } = chooseNow(request.asOf, request.wallClockMs, latest, request.text);
  const base = { nowIso: formatDatetime(now), nowReason: reason, latestEventIso: latest === null ? null : formatDatetime(latest) };
  const compiled = compileQuery(request.text, schema);
  if (!compiled.ok) return { compiled: false, columns: [], rows: [], subdetections: [], diagnostics: compiled.diagnostics, ...base };
  const result = compiled.run(new TablesWithEmptyDefaults(tables as Map<string, TableData>, schema), { now, explain: true });
  const columns = result.columns.map((c) => ({ name: c.name, type: c.type }));
  const rows = result.rows.map((row) => columns.map((c, i) => encodeCell(row[i] as KqlValue, c.type)));
  const subdetections = result.rows.map((_, i) => result.provenance?.[i]?.subdetection ?? null);
  return { compiled: true, columns, rows, subdetections, diagnostics: result.diagnostics, ...base };
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
      case 'drop-events':
        sources.delete(request.sourceId);
        reply({ id: request.id, kind: 'events-dropped' });
        return;
      case 'analyze':
      case 'parse-events':
      case 'evaluate': {
        const tables = schemas.get(request.schemaKey);
        if (!tables) {
          reply({ id: request.id, kind: 'failed', message: `schema ${request.schemaKey} was not sent to the engine worker` });
          return;
        }
        if (request.kind === 'analyze') reply({ id: request.id, kind: 'analyzed', result: analyze(request.text, tables) });
        else if (request.kind === 'parse-events') reply({ id: request.id, kind: 'events-parsed', result: parseEvents(request.source, request.schemaKey, tables) });
        else reply({ id: request.id, kind: 'evaluated', result: evaluate(request, tables) });
        return;
      }
    }
  } catch (error) {
    reply({ id: request.id, kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
