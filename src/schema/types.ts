/** KQL scalar types, spelled as Kusto spells them in schemas and `getschema` output. */
export const KQL_TYPES = ['bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'guid', 'dynamic'] as const;
export type KqlType = (typeof KQL_TYPES)[number];

export interface ColumnSchema {
  readonly name: string;
  readonly type: KqlType;
  /** A short description in our own words; optional. */
  readonly description?: string;
}

/** Where a table definition came from: shipped with Rulebench or added by the user. */
export type TableOrigin = 'defender' | 'sentinel' | 'custom';

export interface TableSchema {
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
  readonly origin: TableOrigin;
  readonly description?: string;
}
