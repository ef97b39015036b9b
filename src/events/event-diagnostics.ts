/** Stable codes for every finding of the events loader (`RB-EVENTS-NNN`, see src/diagnostics.ts). */
export const EVENT_CODES = {
  /** The file is not valid JSON / a JSON line is not valid JSON: file, line and column of the error. */
  malformedJson: 'RB-EVENTS-001',
  /** A field's value does not fit its column's type: stored as null, the row is kept. */
  coercion: 'RB-EVENTS-002',
  /** Fields present in the events but not in the table's schema (not loaded). */
  unknownField: 'RB-EVENTS-003',
  /** A row names no table (`Type` / `$table`) and no default table was given. */
  noTable: 'RB-EVENTS-004',
  /** The input is larger than the loader accepts in this mode. */
  tooLarge: 'RB-EVENTS-005',
  /** CSV structure: unterminated quote, wrong number of cells, empty header. */
  csv: 'RB-EVENTS-006',
  /** A table not in the schema: its columns were inferred from its rows. */
  inferredTable: 'RB-EVENTS-007',
  /** An array element or JSON line that is not an object. */
  notAnObject: 'RB-EVENTS-008',
  /** More warnings of one kind than are worth listing: the rest are counted. */
  truncated: 'RB-EVENTS-009',
  /** The input could not be read at all (unknown format, I/O error). */
  unreadable: 'RB-EVENTS-010',
} as const;
