/**
 * Type-name facts: how the names users paste map onto our `KqlType`s.
 *
 * Three vocabularies show up in pasted schemas: Kusto's own scalar names (`string`), the aliases Kusto also
 * accepts in `.create table` (`boolean`, `int64`, ...), and the .NET CLR names that `getschema` and
 * `.show schema as json` put in their DataType/Type fields (`System.String`).
 */
import { KQL_TYPES, type KqlType } from './types.ts';

/** Aliases Kusto accepts in table declarations, keyed in lower case. */
const TYPE_ALIASES: ReadonlyMap<string, KqlType> = new Map<string, KqlType>([
  ['boolean', 'bool'],
  ['int32', 'int'],
  ['int64', 'long'],
  ['double', 'real'],
  ['float', 'real'],
  ['date', 'datetime'],
  ['time', 'timespan'],
  ['uniqueid', 'guid'],
  ['object', 'dynamic'],
]);

/**
 * CLR type names as `getschema` (DataType column) and `.show schema as json` (Type field) print them.
 * Kusto stores bool as SByte internally, which is why both SByte and Boolean map to bool.
 */
const CLR_TYPES: ReadonlyMap<string, KqlType> = new Map<string, KqlType>([
  ['system.string', 'string'],
  ['system.int32', 'int'],
  ['system.int64', 'long'],
  ['system.double', 'real'],
  ['system.single', 'real'],
  ['system.boolean', 'bool'],
  ['system.sbyte', 'bool'],
  ['system.datetime', 'datetime'],
  ['system.timespan', 'timespan'],
  ['system.guid', 'guid'],
  ['system.object', 'dynamic'],
  ['system.data.sqltypes.sqldecimal', 'decimal'],
]);

const KQL_TYPE_SET: ReadonlySet<string> = new Set<string>(KQL_TYPES);

function isKqlType(name: string): name is KqlType {
  return KQL_TYPE_SET.has(name);
}

/**
 * A Kusto type name or alias (`string`, `boolean`, `int64`, ...) as our `KqlType`, or undefined.
 * Case-insensitive: pasted schemas come from many tools and `String` is never ambiguous.
 */
export function kqlTypeFromName(name: string): KqlType | undefined {
  const lower = name.trim().toLowerCase();
  return isKqlType(lower) ? lower : TYPE_ALIASES.get(lower);
}

/** A CLR type name (`System.String`, ...) as our `KqlType`, or undefined. */
export function kqlTypeFromClrName(name: string): KqlType | undefined {
  return CLR_TYPES.get(name.trim().toLowerCase());
}

/** Accepts either vocabulary, for fields that may hold either (JSON `Type`, getschema `DataType`). */
export function kqlTypeFromAnyName(name: string): KqlType | undefined {
  return kqlTypeFromName(name) ?? kqlTypeFromClrName(name);
}

/** The list we show in "expected a column type (one of ...)" messages. */
export const KQL_TYPE_LIST_TEXT = KQL_TYPES.join(', ');
