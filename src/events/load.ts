/**
 * Events text → typed tables: pure functions over text, usable in a browser worker (no Node APIs here; the Node
 * streaming reader is node-reader.ts).
 *
 * Accepted shapes:
 * - a JSON array of rows, each naming its table in `Type` (as Sentinel exports do) or `$table`;
 * - a JSON object of arrays keyed by table name: `{"DeviceProcessEvents": [...], "DeviceFileEvents": [...]}`;
 * - a single JSON row object;
 * - NDJSON (one row object per line; a bad line is reported with its line and column, the others load);
 * - CSV as exported from advanced hunting / Log Analytics (header row; `Timestamp [UTC]` headers; table from
 *   `--table`, or per row from a `Type` column).
 */
import { lineColumnAt, type Diagnostic } from '../diagnostics.ts';
import { EventCollector, type CollectorOptions } from './collector.ts';
import { columnNameFromHeader, csvRecords, type CsvProblem } from './csv.ts';
import { EVENT_CODES } from './event-diagnostics.ts';
import { arrayElements, parseJsonText } from './json-text.ts';
import type { DynamicBag, DynamicValue, LoadedEvents } from './types.ts';

export type EventFormat = 'json' | 'ndjson' | 'csv';

/**
 * The largest events text loaded whole (JSON array/object, CSV, and any file in the browser): 100 MB. Parsing
 * holds the text, the parsed rows and the typed tables at once, roughly 4-6× the file size, which a browser tab
 * cannot be relied on to have. Larger NDJSON files are streamed by the Node reader.
 */
export const MAX_TEXT_BYTES = 100 * 1024 * 1024;

export interface EventsInput {
  readonly text: string;
  /** File name for messages and format detection by extension. */
  readonly source: string;
  readonly format?: EventFormat;
  /** Table for rows that name none (required for CSV without a `Type` column). For CSV it names every row's table, as the CLI's --table does. */
  readonly table?: string;
  /** Table only for rows that name none: unlike `table`, a CSV's `Type` column still wins (the browser's table picker). */
  readonly defaultTable?: string;
}

/** Loads one or more events texts into one set of tables (rows of the same table from several files are appended). */
export function loadEvents(inputs: readonly EventsInput[], options: CollectorOptions = {}): LoadedEvents {
  const collector = new EventCollector(options);
  for (const input of inputs) addEventsText(collector, input);
  return collector.finish();
}

/** A refusal diagnostic when `bytes` is over the whole-text limit, else undefined. For callers that know the size before reading. */
export function checkEventsSize(bytes: number, source: string, limit: number = MAX_TEXT_BYTES): Diagnostic | undefined {
  if (bytes <= limit) return undefined;
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return {
    code: EVENT_CODES.tooLarge,
    severity: 'error',
    message: `${source} is ${mb(bytes)}; events files over ${mb(limit)} are not loaded whole. Use NDJSON (one row per line) with the command-line tool, which streams it, or split the file`,
    source,
  };
}

export function addEventsText(collector: EventCollector, input: EventsInput): void {
  const steps = addEventsTextSteps(collector, input);
  while (!steps.next().done);
}

/**
 * The same as `addEventsText`, one record at a time: yields the text offset reached after each record, so a caller
 * can report progress, yield to its event loop or stop (what was added so far stays in the collector).
 */
export function* addEventsTextSteps(collector: EventCollector, input: EventsInput): Generator<number, void, void> {
  const tooLarge = checkEventsSize(input.text.length, input.source);
  if (tooLarge) {
    collector.report(tooLarge);
    return;
  }
  const format = input.format ?? detectFormat(input.text, input.source);
  switch (format) {
    case 'csv':
      yield* addCsv(collector, input);
      return;
    case 'ndjson':
      yield* addNdjson(collector, input);
      return;
    case 'json':
      yield* addJson(collector, input);
      return;
  }
}

/** The format from the file extension, else from the first characters. */
export function detectFormat(text: string, source: string): EventFormat {
  const lower = source.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  const first = firstNonSpace(text, 0);
  if (first === -1) return 'json';
  const c = text[first];
  if (c === '[') return 'json';
  if (c !== '{') return lower.endsWith('.json') ? 'json' : 'csv';
  // `{` starts a single JSON object or the first of several lines: NDJSON has another value after the first line.
  const newline = text.indexOf('\n', first);
  if (newline === -1) return 'json';
  const firstLine = parseJsonText(text, first, newline);
  return firstLine.ok && firstNonSpace(text, newline) !== -1 ? 'ndjson' : 'json';
}

function firstNonSpace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return i;
  }
  return -1;
}

/** Maps increasing offsets to line/column without rescanning from the start each time. */
export class LineCounter {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    if (offset < this.offset) return lineColumnAt(this.text, offset);
    for (let i = this.offset; i < offset; i++) {
      if (this.text.charCodeAt(i) === 10) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.offset = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

function jsonError(source: string, text: string, offset: number, message: string): Diagnostic {
  const { line, column } = lineColumnAt(text, offset);
  return { code: EVENT_CODES.malformedJson, severity: 'error', message: `malformed JSON at line ${line}, column ${column}: ${message}`, source, line, column };
}

function* addJson(collector: EventCollector, input: EventsInput): Generator<number, void, void> {
  const { text, source } = input;
  const defaultTable = input.table ?? input.defaultTable;
  const lines = new LineCounter(text);
  const first = firstNonSpace(text, 0);
  if (first !== -1 && text[first] === '[') {
    // Element by element, so the parsed array never exists whole next to the typed rows.
    const elements = arrayElements(text);
    for (;;) {
      const step = elements.next();
      if (step.done) {
        const result = step.value;
        if (!result.ok) collector.report(jsonError(source, text, result.offset, `${result.message} (rows before this point were loaded)`));
        return;
      }
      const { value, index, offset, end } = step.value;
      collector.addRecord(value, { source, row: index + 1, ...lines.at(offset) }, { defaultTable });
      yield end;
    }
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    collector.report(jsonError(source, text, parsed.offset, parsed.message));
    return;
  }
  const value = parsed.value;
  const position = lineColumnAt(text, Math.max(first, 0));
  if (isTableMap(value)) {
    for (const name of Object.keys(value)) {
      const rows = value[name] as DynamicValue[];
      for (let index = 0; index < rows.length; index++) {
        collector.addRecord(rows[index] ?? null, { source, row: index + 1, ...position }, { table: name });
        // The whole text is parsed by now; rows are what is left.
        yield text.length;
      }
    }
    return;
  }
  if (first === -1) {
    collector.report({ code: EVENT_CODES.unreadable, severity: 'warning', message: `${source} is empty: no events`, source });
    return;
  }
  collector.addRecord(value, { source, row: 1, ...position }, { defaultTable });
  yield text.length;
}

/** `{"TableName": [rows...], ...}`: an object whose every value is an array. */
function isTableMap(value: DynamicValue): value is DynamicBag {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => Array.isArray(value[k]));
}

function* addNdjson(collector: EventCollector, input: EventsInput): Generator<number, void, void> {
  const { text, source } = input;
  let start = 0;
  let line = 1;
  let row = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    row = addNdjsonLine(collector, text, start, end, line, row, source, input.table ?? input.defaultTable);
    start = end + 1;
    line++;
    yield end;
  }
}

/**
 * One NDJSON line (`text.slice(start, end)`), shared with the Node streaming reader. Returns the row count so far:
 * rows are numbered by line, so a message's row and line agree.
 */
export function addNdjsonLine(collector: EventCollector, text: string, start: number, end: number, line: number, rowsSoFar: number, source: string, table?: string): number {
  let first = start;
  while (first < end && /\s/.test(text[first] ?? '')) first++;
  if (first === end) return rowsSoFar;
  const parsed = parseJsonText(text, start, end);
  if (!parsed.ok) {
    const column = parsed.offset - start + 1;
    collector.report({
      code: EVENT_CODES.malformedJson,
      severity: 'error',
      message: `malformed JSON on line ${line}, column ${column}: ${parsed.message}; this line was not loaded (the other lines were)`,
      source,
      line,
      column,
    });
    return rowsSoFar;
  }
  collector.addRecord(parsed.value, { source, row: line, line, column: first - start + 1 }, { defaultTable: table });
  return rowsSoFar + 1;
}

function* addCsv(collector: EventCollector, input: EventsInput): Generator<number, void, void> {
  const { text, source } = input;
  let header: string[] | undefined;
  let typeIndex = -1;
  let dataRow = 0;
  const problems: CsvProblem[] = [];
  for (const { cells, line, end } of csvRecords(text, problems)) {
    if (!header) {
      header = cells.map(columnNameFromHeader);
      typeIndex = header.indexOf('Type');
      continue;
    }
    dataRow++;
    if (cells.length !== header.length) {
      collector.report({
        code: EVENT_CODES.csv,
        severity: 'warning',
        message: `CSV row ${dataRow} on line ${line} has ${cells.length} cells but the header has ${header.length}; ${cells.length < header.length ? 'the missing ones are empty' : 'the extra ones are ignored'}`,
        source,
        line,
        column: 1,
      });
    }
    const record: DynamicBag = Object.create(null) as DynamicBag;
    header.forEach((name, i) => {
      if (name !== '') record[name] = cells[i] ?? '';
    });
    // `--table` names the table; otherwise a Log Analytics export's `Type` column does (row by row).
    const table = input.table ?? (typeIndex >= 0 && cells[typeIndex] ? cells[typeIndex] : undefined) ?? input.defaultTable;
    if (table === undefined) {
      collector.report({
        code: EVENT_CODES.noTable,
        severity: 'error',
        message: `CSV row ${dataRow} on line ${line} names no table: give the table name (--table NAME) for a CSV export`,
        source,
        line,
        column: 1,
      });
      yield end;
      continue;
    }
    collector.addRecord(record, { source, row: dataRow, line, column: 1 }, { table, fromText: true });
    yield end;
  }
  for (const problem of problems) {
    collector.report({ code: EVENT_CODES.csv, severity: 'error', message: `CSV: ${problem.message} at line ${problem.line}, column ${problem.column}`, source, line: problem.line, column: problem.column });
  }
  if (!header) collector.report({ code: EVENT_CODES.unreadable, severity: 'warning', message: `${source} is empty: no CSV header and no events`, source });
}
