/** `--format table`: the result as an aligned plain-text table, for people reading a terminal. */
import type { KqlValue } from '../kql/values/index.ts';
import { encodeCell, type ResultColumn } from './json-encoding.ts';

/** Cells longer than this are cut with `…` so a command line cannot push every other column off screen. */
const MAX_CELL = 80;

export function formatTextTable(columns: readonly ResultColumn[], rows: readonly (readonly KqlValue[])[]): string {
  const header = columns.map((c) => c.name);
  const body = rows.map((row) => columns.map((c, i) => displayCell(row[i], c.type)));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return out.join('\n');
}

function displayCell(value: KqlValue | undefined, type: ResultColumn['type']): string {
  const json = encodeCell(value, type);
  // Strings show without quotes, as Kusto's result grid does; everything else shows its JSON form.
  const text = json.startsWith('"') ? (JSON.parse(json) as string) : json;
  const oneLine = text.replace(/\r?\n/g, '⏎').replace(/\t/g, ' ');
  return oneLine.length > MAX_CELL ? `${oneLine.slice(0, MAX_CELL - 1)}…` : oneLine;
}
