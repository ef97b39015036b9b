/**
 * The scalar function registry: an explicit array (nothing registers by side effect). Names and aliases are
 * matched case-sensitively, as KQL function names are.
 */
import { BASE64_FUNCTIONS } from './base64.ts';
import { BINARY_FUNCTIONS } from './binary.ts';
import { COMPRESS_FUNCTIONS } from './compress.ts';
import { CONDITIONAL_FUNCTIONS } from './conditional.ts';
import { CONVERSION_FUNCTIONS } from './conversion.ts';
import { DATETIME_ARITH_FUNCTIONS } from './datetime-arith.ts';
import { DATETIME_FORMAT_FUNCTIONS } from './datetime-format.ts';
import { DATETIME_PART_FUNCTIONS } from './datetime-parts.ts';
import { DYNAMIC_ARRAY_FUNCTIONS } from './dynamic-array.ts';
import { DYNAMIC_BAG_FUNCTIONS } from './dynamic-bag.ts';
import { EXTRACT_FUNCTIONS } from './extract.ts';
import { FORMAT_NUMBER_FUNCTIONS } from './format-number.ts';
import { HASH_FUNCTIONS } from './hash.ts';
import { SKETCH_FUNCTIONS } from './sketch.ts';
import { RANDOM_FUNCTIONS } from './random.ts';
import { IP_FUNCTIONS } from './ip.ts';
import { MATH_FUNCTIONS } from './math.ts';
import { MISC_STRING_FUNCTIONS } from './string-misc.ts';
import { PARSE_FUNCTIONS } from './parse.ts';
import { RANGE_FUNCTIONS } from './range.ts';
import { REPLACE_FUNCTIONS } from './replace.ts';
import { STRING_BASIC_FUNCTIONS } from './string-basic.ts';
import { HAS_ANY_INDEX_FUNCTIONS, STRING_SEARCH_FUNCTIONS } from './string-search.ts';
import { TIMEZONE_FUNCTIONS } from './timezone.ts';
import { TRIM_FUNCTIONS } from './trim.ts';
import { TYPE_INFO_FUNCTIONS } from './type-info.ts';
import type { ScalarFunction } from './types.ts';
import { URL_FUNCTIONS } from './url.ts';

export type { CallContext, EvalContext, PrepareContext, RowContext, ScalarFunction } from './types.ts';
export { compileRegex, createRegexCache } from './regex.ts';

export const SCALAR_FUNCTIONS: readonly ScalarFunction[] = [
  ...CONVERSION_FUNCTIONS,
  ...SKETCH_FUNCTIONS,
  ...RANDOM_FUNCTIONS,
  ...STRING_BASIC_FUNCTIONS,
  ...STRING_SEARCH_FUNCTIONS,
  ...REPLACE_FUNCTIONS,
  ...TRIM_FUNCTIONS,
  ...EXTRACT_FUNCTIONS,
  ...MISC_STRING_FUNCTIONS,
  ...URL_FUNCTIONS,
  ...PARSE_FUNCTIONS,
  ...BASE64_FUNCTIONS,
  ...HASH_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...TYPE_INFO_FUNCTIONS,
  ...DATETIME_ARITH_FUNCTIONS,
  ...DATETIME_PART_FUNCTIONS,
  ...DATETIME_FORMAT_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...FORMAT_NUMBER_FUNCTIONS,
  ...DYNAMIC_ARRAY_FUNCTIONS,
  ...DYNAMIC_BAG_FUNCTIONS,
  ...IP_FUNCTIONS,
  ...BINARY_FUNCTIONS,
  ...COMPRESS_FUNCTIONS,
  ...TIMEZONE_FUNCTIONS,
  ...RANGE_FUNCTIONS,
  ...HAS_ANY_INDEX_FUNCTIONS,
];

const BY_NAME: ReadonlyMap<string, ScalarFunction> = new Map(
  SCALAR_FUNCTIONS.flatMap((f) => [f.name, ...(f.aliases ?? [])].map((n): [string, ScalarFunction] => [n, f])),
);

/** The function for a KQL name or legacy alias, or undefined. */
export function findScalarFunction(name: string): ScalarFunction | undefined {
  return BY_NAME.get(name);
}
