/**
 * Reading result cells. Every cell arrives as the CLI's JSON encoding (src/cli/json-encoding.ts): strings,
 * datetimes and timespans JSON-quoted, numbers and booleans bare, dynamic values as JSON text, null as `null`.
 */

/** A cell as the CLI encodes it; JSON strings (text, datetimes, timespans) are shown without their quotes. */
export function displayCell(encoded: string): string {
  if (encoded.startsWith('"')) {
    try {
      return String(JSON.parse(encoded));
    } catch {
      return encoded;
    }
  }
  return encoded;
}

/** Strings longer than this get a disclosure button: the grid cell cannot show them whole. */
export const LONG_TEXT = 80;
/** The grid never puts more than this into a cell, so a 1 MB value cannot slow scrolling; the detail pane has it all. */
const COMPACT_MAX = 160;

/** A dynamic object or array (the encoding of no other type starts with these). */
export function isStructured(encoded: string): boolean {
  return encoded.startsWith('{') || encoded.startsWith('[');
}

/** Whether the cell deserves the detail pane: structured JSON, or text too long for the grid. */
export function isExpandable(encoded: string): boolean {
  return isStructured(encoded) || displayCell(encoded).length > LONG_TEXT;
}

/** One line for the grid: line breaks shown as ⏎ (a hidden newline would make two values look the same), capped. */
export function compactCell(encoded: string): string {
  const text = displayCell(encoded).replace(/\r\n|\r|\n/g, '⏎');
  return text.length > COMPACT_MAX ? `${text.slice(0, COMPACT_MAX)}…` : text;
}

/**
 * The cell as a JSON value. The encoding writes longs beyond 2^53 as strings, so parsing loses no digits, and
 * JSON.parse defines a `__proto__` key as an own property rather than setting the prototype.
 */
export function parseCell(encoded: string): unknown {
  try {
    return JSON.parse(encoded) as unknown;
  } catch {
    return encoded;
  }
}

/** The text "Copy value" puts on the clipboard: structured values pretty-printed, everything else as shown. */
export function copyText(encoded: string): string {
  if (!isStructured(encoded)) return displayCell(encoded);
  const value = parseCell(encoded);
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
