/**
 * Name facts: which table/column names KQL accepts bare, and how to quote the others.
 */

/** A bare KQL identifier: letters, digits and underscores, not starting with a digit. */
const IDENTIFIER = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/**
 * Identifier-shaped words that make Kusto's schema parser (`TableSymbol.From("(a:string, ...)")`) stop reading
 * the column list when used bare as a column name. Found by probing every fixed-text keyword of
 * Kusto.Language 12.4.1 (`SyntaxFacts.GetKindsWithFixedText`) plus the scalar type names. Keywords are matched
 * case-sensitively, as Kusto does; `true`/`false` are literals and match in any case (see `needsQuoting`).
 * Quoting a name that does not need it is harmless, so an over-long list costs nothing.
 */
const RESERVED_IN_SCHEMA: ReadonlySet<string> = new Set([
  '__contextual_datatable', '__crossCluster', '__crossDB', '__executeAndCache', '__id', '__isFuzzy', '__noWithSource',
  '__packedColumn', '__projectAway', '__sourceColumnIndex', 'and', 'anomalychart', 'areachart', 'asc', 'bagexpansion',
  'barchart', 'between', 'bin_legacy', 'bool', 'boolean', 'byte', 'cachingpolicy', 'callout', 'cancel', 'card', 'char',
  'columnchart', 'contains_cs', 'containscs', 'cycles', 'dataexport', 'datascope', 'date', 'datetime', 'decimal',
  'decodeblocks', 'desc', 'double', 'dynamic', 'encodingpolicy', 'endswith', 'endswith_cs', 'expandoutput',
  'extent_tags_retention', 'external_data', 'first', 'flags', 'float', 'force_remote', 'guid', 'harddelete',
  'hardretention', 'has_all', 'has_any', 'has_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs',
  'hotcache', 'int', 'int16', 'int32', 'int64', 'int8', 'isfuzzy', 'journal', 'kind', 'ladderchart', 'last', 'like',
  'likecs', 'linechart', 'long', 'missing', 'nooptimization', 'notcontains', 'notcontainscs', 'notlike', 'notlikecs',
  'object', 'or', 'others', 'pathformat', 'piechart', 'pivotchart', 'project', 'queries', 'query_results', 'real',
  'relaxed', 'restricted_view_access', 'row_level_security', 'rowstore', 'rowstore_references', 'rowstore_sealinfo',
  'rowstorepolicy', 'rowstores', 'scatterchart', 'seal', 'seals', 'shards', 'simple', 'softdelete', 'softretention',
  'stackedareachart', 'startswith', 'startswith_cs', 'statistics', 'storedqueryresultcontainers', 'string',
  'tablepurge', 'time', 'timechart', 'timeline', 'timepivot', 'timespan', 'treemap', 'uint', 'uint16', 'uint32',
  'uint64', 'uint8', 'ulong', 'union', 'uniqueid', 'unrestrictedviewers', 'views', 'with_itemindex', 'with_match_id',
  'with_source', 'with_step_name', 'withsource', 'writeaheadlog',
]);

/** True when `name` is a bare KQL identifier (it may still be a keyword; see `needsQuoting`). */
export function isKqlIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** True when `name` must be written `['...']` to be read back as that exact name. */
export function needsQuoting(name: string): boolean {
  if (!isKqlIdentifier(name)) return true;
  const lower = name.toLowerCase();
  return RESERVED_IN_SCHEMA.has(name) || lower === 'true' || lower === 'false';
}

/** `['...']` with the escapes Kusto string literals understand. */
export function bracketQuote(name: string): string {
  const escaped = name.replace(/[\\'\n\r\t]/g, (ch) => {
    switch (ch) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\${ch}`;
    }
  });
  return `['${escaped}']`;
}

/** The name as it should appear in KQL text: bare when possible, bracket-quoted otherwise. */
export function kqlName(name: string): string {
  return needsQuoting(name) ? bracketQuote(name) : name;
}

/** Characters no table or column name may contain, whatever the quoting (they would corrupt one-line output). */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Kusto's limit on entity name length. */
export const MAX_NAME_LENGTH = 1024;

/** Why a name (from any source, quoted or not) is unusable, or undefined when it is fine. */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a name cannot be empty';
  if (name.trim().length === 0) return 'a name cannot be only spaces';
  if (CONTROL_CHARACTER.test(name)) return 'a name cannot contain control characters such as tabs or line breaks';
  if (name.length > MAX_NAME_LENGTH) return `a name cannot be longer than ${MAX_NAME_LENGTH} characters`;
  return undefined;
}
