/** Type conversion functions: tostring, toint, tolong, toreal, tobool, todatetime, totimespan, toguid, todynamic. */
import {
  dynamicToSortedJson, parseJsonValue, toBoolValue, toDatetimeValue, toGuidValue, toIntValue, toKqlString, toLongValue,
  toRealValue, toTimespanValue, toDynamicValue,
} from '../values/index.ts';
import { argType, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

export const tostring: ScalarFunction = {
  name: 'tostring',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: ([v = null], ctx) => toKqlString(v, argType(ctx, 0)),
};

export const toint: ScalarFunction = {
  name: 'toint',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('int'),
  impl: ([v = null], ctx) => toIntValue(v, argType(ctx, 0)),
};

export const tolong: ScalarFunction = {
  name: 'tolong',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('long'),
  impl: ([v = null], ctx) => toLongValue(v, argType(ctx, 0)),
};

export const toreal: ScalarFunction = {
  name: 'toreal',
  aliases: ['todouble'],
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('real'),
  impl: ([v = null], ctx) => toRealValue(v, argType(ctx, 0)),
};

/** Decimal is approximated by a double (docs/engine.md). */
export const todecimal: ScalarFunction = {
  name: 'todecimal',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('decimal'),
  impl: ([v = null], ctx) => toRealValue(v, argType(ctx, 0)),
};

export const tobool: ScalarFunction = {
  name: 'tobool',
  aliases: ['toboolean'],
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('bool'),
  impl: ([v = null], ctx) => toBoolValue(v, argType(ctx, 0)),
};

export const todatetime: ScalarFunction = {
  name: 'todatetime',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('datetime'),
  impl: ([v = null], ctx) => toDatetimeValue(v, argType(ctx, 0)),
};

export const totimespan: ScalarFunction = {
  name: 'totimespan',
  aliases: ['totime'],
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('timespan'),
  impl: ([v = null], ctx) => toTimespanValue(v, argType(ctx, 0)),
};

export const toguid: ScalarFunction = {
  name: 'toguid',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('guid'),
  impl: ([v = null], ctx) => toGuidValue(v, argType(ctx, 0)),
};

/** parse_json: a string is parsed (invalid JSON stays a dynamic string); other values pass through. */
export const parse_json: ScalarFunction = {
  name: 'parse_json',
  aliases: ['parsejson', 'todynamic', 'toobject'],
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('dynamic'),
  impl: ([v = null], ctx) => parseJsonValue(v, argType(ctx, 0)),
};

/** dynamic_to_json: compact JSON with sorted keys (a string becomes a JSON string literal). */
export const dynamic_to_json: ScalarFunction = {
  name: 'dynamic_to_json',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: ([v = null], ctx) => dynamicToSortedJson(toDynamicValue(v, argType(ctx, 0))),
};

export const CONVERSION_FUNCTIONS: readonly ScalarFunction[] = [
  tostring, toint, tolong, toreal, todecimal, tobool, todatetime, totimespan, toguid, parse_json, dynamic_to_json,
];
