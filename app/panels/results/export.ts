import type { KqlType } from '../../../src/schema/types.ts';
import { displayCell } from './cells.ts';

/** What an export needs: the result's columns and cells, and which rows to write in which order. */
export interface ExportInput {
  readonly columns: readonly { readonly name: string; readonly type: KqlType }[];
  readonly rows: readonly (readonly string[])[];
  readonly subdetections: readonly (string | null)[];
  /** Indices into `rows`: the rows as shown (after filter and sort). */
  readonly order: readonly number[];
}

export const SUBDETECTION_HEADER = 'Sub-detection';

/**
 * Spreadsheets (Excel, LibreOffice, Google Sheets) run a cell that starts with = + - or @ as a formula, and tab or
 * carriage return can hide such a start; event fields are attacker-controlled (a command line such as
 * `=cmd|' /C calc'!A0`), so opening an export must not execute them. A leading apostrophe makes the cell text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A cell as written to CSV: as the grid shows it (strings without quotes, dynamic as JSON text), null as an empty
 * field (as Kusto's own CSV export writes it). Only text values are neutralised: numbers such as `-5` must stay
 * numbers, and datetimes and timespans are formatted by the engine (digits, `-`, `:`, `.`), never user text.
 */
function csvCell(encoded: string, type: KqlType): string {
  if (encoded === 'null') return '';
  const text = displayCell(encoded);
  const isText = encoded.startsWith('"') && (type === 'string' || type === 'guid' || type === 'dynamic');
  return isText ? neutraliseFormula(text) : text;
}

/** The rows as CSV (RFC 4180, CRLF line ends), the Sub-detection column first. */
export function toCsv(input: ExportInput): string {
  const lines: string[] = [];
  // Column names can be any text in KQL (`['=x']`), so headers are neutralised too.
  lines.push([SUBDETECTION_HEADER, ...input.columns.map((c) => c.name)].map((h) => csvField(neutraliseFormula(h))).join(','));
  for (const i of input.order) {
    const row = input.rows[i] ?? [];
    const fields = [csvField(neutraliseFormula(input.subdetections[i] ?? ''))];
    input.columns.forEach((c, col) => fields.push(csvField(csvCell(row[col] ?? 'null', c.type))));
    lines.push(fields.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A cell as a JSON value: the encoding is JSON already; anything that does not parse is kept as a string. */
function jsonValue(encoded: string): string {
  try {
    JSON.parse(encoded);
    return encoded;
  } catch {
    return JSON.stringify(encoded);
  }
}

/** The key for the sub-detection: `subdetection`, unless the query has a column of that name. */
export function subdetectionKey(columns: ExportInput['columns']): string {
  let key = 'subdetection';
  while (columns.some((c) => c.name === key)) key = `_${key}`;
  return key;
}

/**
 * The rows as a JSON array of objects keyed by column name, plus the sub-detection (null: the final query).
 * Written as text from the encoded cells rather than through objects and JSON.stringify: a column named
 * `__proto__` must not be assigned onto an object, and the encoding already keeps big integers exact.
 */
export function toJson(input: ExportInput): string {
  const key = JSON.stringify(subdetectionKey(input.columns));
  const names = input.columns.map((c) => JSON.stringify(c.name));
  const objects = input.order.map((i) => {
    const row = input.rows[i] ?? [];
    const parts = names.map((name, col) => `${name}:${jsonValue(row[col] ?? 'null')}`);
    parts.push(`${key}:${JSON.stringify(input.subdetections[i] ?? null)}`);
    return `  {${parts.join(',')}}`;
  });
  return objects.length === 0 ? '[]\n' : `[\n${objects.join(',\n')}\n]\n`;
}

/** Saves text as a file through a temporary object URL (no network: the CSP's connect-src does not apply). */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; the URL is only needed until it has started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
