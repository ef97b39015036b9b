/**
 * RFC 4180 CSV, as the Defender advanced-hunting and Log Analytics portals export it: comma-separated, fields
 * quoted with `"` when they hold commas, quotes (doubled: `""`) or line breaks; CRLF or LF line ends; an optional
 * UTF-8 BOM. Reports the line and column of structural problems instead of guessing silently.
 */

export interface CsvRecord {
  readonly cells: string[];
  /** 1-based line on which the record starts (records can span lines inside quotes). */
  readonly line: number;
}

export interface CsvProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** Calls `visit` for each record (header included); returns the structural problems found. */
export function parseCsv(text: string, visit: (record: CsvRecord) => void): CsvProblem[] {
  const problems: CsvProblem[] = [];
  for (const record of csvRecords(text, problems)) visit(record);
  return problems;
}

/** A record and the offset just after it (for progress). */
export interface CsvRecordAt extends CsvRecord {
  readonly end: number;
}

/**
 * The records (header included) as a generator, so a caller can stop between records; structural problems are
 * appended to `problems` as they are found.
 */
export function* csvRecords(text: string, problems: CsvProblem[]): Generator<CsvRecordAt, void, void> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = pos;
  const end = text.length;
  while (pos < end) {
    const recordLine = line;
    const cells: string[] = [];
    for (;;) {
      // One field.
      if (text.charCodeAt(pos) === 0x22) {
        const openLine = line;
        const openColumn = pos - lineStart + 1;
        pos++;
        let value = '';
        let closed = false;
        while (pos < end) {
          const quote = text.indexOf('"', pos);
          if (quote === -1) break;
          const chunk = text.slice(pos, quote);
          value += chunk;
          for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) {
            line++;
            lineStart = pos + i + 1;
          }
          if (text.charCodeAt(quote + 1) === 0x22) {
            value += '"';
            pos = quote + 2;
            continue;
          }
          pos = quote + 1;
          closed = true;
          break;
        }
        if (!closed) {
          problems.push({ message: 'unterminated quoted field (a " was opened and never closed)', line: openLine, column: openColumn });
          cells.push(value + text.slice(pos));
          pos = end;
          break;
        }
        // Text between the closing quote and the next separator is kept, but flagged.
        const next = text.charCodeAt(pos);
        if (pos < end && next !== 0x2c && next !== 0x0a && next !== 0x0d) {
          problems.push({ message: 'unexpected text after a closing quote', line, column: pos - lineStart + 1 });
          const stop = nextSeparator(text, pos);
          value += text.slice(pos, stop);
          pos = stop;
        }
        cells.push(value);
      } else {
        const stop = nextSeparator(text, pos);
        cells.push(text.slice(pos, stop));
        pos = stop;
      }
      const c = text.charCodeAt(pos);
      if (c === 0x2c) {
        pos++;
        continue;
      }
      if (c === 0x0d) pos++;
      if (text.charCodeAt(pos) === 0x0a) pos++;
      line++;
      lineStart = pos;
      break;
    }
    // A blank line (one empty cell) is not a record.
    if (!(cells.length === 1 && cells[0] === '')) yield { cells, line: recordLine, end: pos };
  }
}

function nextSeparator(text: string, from: number): number {
  let pos = from;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 0x2c || c === 0x0a || c === 0x0d) break;
    pos++;
  }
  return pos;
}

/** Header names as the portals write them: `Timestamp [UTC]` is the column `Timestamp`. */
export function columnNameFromHeader(header: string): string {
  return header.trim().replace(/\s*\[(?:UTC|Local)\]$/i, '');
}
