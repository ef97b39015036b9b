/**
 * Turns whatever a user pastes to describe their own tables (typically `_CL` tables) into `TableSchema`s.
 *
 * Three formats, detected from the text:
 * - JSON (starts with `{` or `[`): `.show schema as json`, a single table object, or `[{name, columns}]`
 *   (see custom-schema-json.ts);
 * - declarations (the text has a `(` outside `//` comments, or starts with a `.` command):
 *   `MyTable_CL(TimeGenerated:datetime)`, `.create table ...`, `.create-merge table ...`
 *   (see custom-schema-declarations.ts);
 * - otherwise `getschema` output copied from a results grid (see custom-schema-getschema.ts).
 *
 * User input never makes this throw: every problem becomes a diagnostic with line and column, and what could be
 * read is still returned.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { readDeclarations } from './custom-schema-declarations.ts';
import { readGetschema } from './custom-schema-getschema.ts';
import { readJsonSchema } from './custom-schema-json.ts';
import { SCHEMA_CODES, SchemaDiagnostics } from './schema-diagnostics.ts';
import { TableCollector } from './table-collector.ts';
import type { TableSchema } from './types.ts';

export type CustomSchemaFormat = 'json' | 'declarations' | 'getschema';

export interface CustomSchemaOptions {
  /** Table name for getschema rows (which carry none) and JSON table objects without a Name. */
  readonly defaultTableName?: string;
  /** Copied into each diagnostic's `source`, e.g. the name of the form field the text came from. */
  readonly source?: string;
}

export interface CustomSchemaResult {
  /** The tables that could be read, in input order, each with origin 'custom'. */
  readonly tables: TableSchema[];
  readonly diagnostics: Diagnostic[];
  /** The format the text was read as; undefined for empty input or input refused before reading. */
  readonly format?: CustomSchemaFormat;
}

/** Inputs larger than this (UTF-8 bytes) are refused: a schema is kilobytes, and the UI thread must stay responsive. */
export const MAX_CUSTOM_SCHEMA_BYTES = 5 * 1024 * 1024;

export function parseCustomSchema(text: string, options: CustomSchemaOptions = {}): CustomSchemaResult {
  const input: unknown = text;
  if (typeof input !== 'string') {
    const diagnostics = new SchemaDiagnostics('', options.source);
    diagnostics.general(SCHEMA_CODES.syntax, 'error', 'expected the schema as text');
    return { tables: [], diagnostics: diagnostics.list() };
  }
  const diagnostics = new SchemaDiagnostics(input, options.source);
  if (exceedsBytes(input, MAX_CUSTOM_SCHEMA_BYTES)) {
    diagnostics.general(
      SCHEMA_CODES.inputTooLarge,
      'error',
      `the schema text is larger than ${MAX_CUSTOM_SCHEMA_BYTES / (1024 * 1024)} MB and was not read; paste only the tables you need`,
    );
    return { tables: [], diagnostics: diagnostics.list() };
  }
  const format = detectSchemaFormat(input);
  if (!format) return { tables: [], diagnostics: [] };

  const collector = new TableCollector(diagnostics);
  const defaultTableName = options.defaultTableName?.trim() || undefined;
  try {
    switch (format) {
      case 'json':
        readJsonSchema(input, { collector, diagnostics, defaultTableName });
        break;
      case 'declarations':
        readDeclarations(input, collector, diagnostics);
        break;
      case 'getschema':
        readGetschema(input, { collector, diagnostics, defaultTableName });
        break;
    }
    return { tables: collector.finish(), diagnostics: diagnostics.list(), format };
  } catch (error) {
    // A bug of ours, not the user's; still report it as a diagnostic rather than break the caller.
    diagnostics.general(SCHEMA_CODES.syntax, 'error', `internal error while reading the schema: ${String(error)}`);
    return { tables: [], diagnostics: diagnostics.list(), format };
  }
}

/** Which reader `parseCustomSchema` would use, or undefined when there is nothing but blanks and comments. */
export function detectSchemaFormat(text: string): CustomSchemaFormat | undefined {
  let sawContent = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, newline === -1 ? text.length : newline).trim();
    if (line.length > 0 && !line.startsWith('//')) {
      if (!sawContent) {
        // Only the first content line can open JSON. `['My Table'](...)` is a declaration, `[{...}]` is JSON.
        if (line.startsWith('{')) return 'json';
        if (line.startsWith('[') && !/^\[\s*@?['"]/.test(line)) return 'json';
        if (line.startsWith('.')) return 'declarations';
      }
      sawContent = true;
      if (line.includes('(')) return 'declarations';
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return sawContent ? 'getschema' : undefined;
}

/** UTF-8 length > limit, without encoding the whole string (which would allocate up to 3x its size). */
function exceedsBytes(text: string, limit: number): boolean {
  // Every UTF-16 unit is at least one UTF-8 byte and at most three.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Each half of a surrogate pair counts 2, so the pair makes its 4 bytes.
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    if (bytes > limit) return true;
  }
  return false;
}
